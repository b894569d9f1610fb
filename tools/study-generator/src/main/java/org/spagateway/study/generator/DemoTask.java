package org.spagateway.study.generator;

/** The demo tasks a synthetic study can be generated for: the DICOM modality and SOP Class each one uses. */
public enum DemoTask {

    /** Colour fundus photograph: Ophthalmic Photography 8 Bit Image Storage (PS3.3 A.39.1), modality OP. */
    FUNDUS("OP", "1.2.840.10008.5.1.4.1.1.77.1.5.1", 512),
    /** Axial chest CT slice(s) with a lung nodule: CT Image Storage (PS3.3 A.3), modality CT. */
    CT("CT", "1.2.840.10008.5.1.4.1.1.2", 512);

    private final String modality;
    private final String sopClassUid;
    private final int defaultSize;

    DemoTask(String modality, String sopClassUid, int defaultSize) {
        this.modality = modality;
        this.sopClassUid = sopClassUid;
        this.defaultSize = defaultSize;
    }

    public String modality() {
        return modality;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    /** Rows and columns used when a spec does not choose a size. */
    public int defaultSize() {
        return defaultSize;
    }
}
