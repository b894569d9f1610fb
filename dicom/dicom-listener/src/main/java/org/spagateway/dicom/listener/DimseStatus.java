package org.spagateway.dicom.listener;

/** DIMSE status codes the listener answers with (PS3.7 Annex C; C-STORE specifics in PS3.4 B.2.3). */
enum DimseStatus {
    SUCCESS(0x0000),
    /** PS3.7 C.5.3 "Refused: SOP Class not supported". */
    SOP_CLASS_NOT_SUPPORTED(0x0122),
    /** PS3.7 C.5.2 "Processing failure": an I/O error other than lack of space. */
    PROCESSING_FAILURE(0x0110),
    /** PS3.4 B.2.3 "Refused: Out of Resources": no space left to store the instance. */
    OUT_OF_RESOURCES(0xA700),
    /** PS3.4 B.2.3 "Error: Data Set does not match SOP Class". */
    DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xA900),
    /** PS3.4 B.2.3 "Error: Cannot understand": unreadable data set, or UIDs missing or malformed. */
    CANNOT_UNDERSTAND(0xC000);

    private final int code;

    DimseStatus(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%04X)", code);
    }
}
