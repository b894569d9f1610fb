package org.spagateway.dicom.network;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.CompositeResponseHandler;

/**
 * Captures the Status (0000,0900) of a C-STORE-RSP (PS3.7 9.1.1.1.9), which PixelMed's own SCU reduces to a
 * boolean. Set it as the association's received-data handler before sending the C-STORE-RQ. It fills in the
 * protected {@code status} and {@code success} fields of PixelMed's {@link CompositeResponseHandler} as PixelMed's
 * own handlers do, which is why it stays inside the door.
 */
public final class CStoreResponse extends CompositeResponseHandler {

    /** No C-STORE-RSP has arrived (the association ended first). */
    public static final int NO_STATUS = -1;

    private volatile int receivedStatus = NO_STATUS;

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList command) {
        receivedStatus = Attribute.getSingleIntegerValueOrDefault(command, TagFromName.Status, 0xFFFF);
        status = receivedStatus;
        success = receivedStatus == 0x0000;
    }

    /** The status received, or {@link #NO_STATUS}. */
    public int receivedStatus() {
        return receivedStatus;
    }
}
