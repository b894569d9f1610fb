package org.spagateway.dicom.sender;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.CompositeResponseHandler;

/** Captures the Status (0000,0900) of a C-STORE-RSP, which PixelMed's own SCU reduces to a boolean. */
final class CStoreResponse extends CompositeResponseHandler {

    static final int NO_STATUS = -1;

    private volatile int receivedStatus = NO_STATUS;

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList command) {
        receivedStatus = Attribute.getSingleIntegerValueOrDefault(command, TagFromName.Status, 0xFFFF);
        status = receivedStatus;
        success = receivedStatus == 0x0000;
    }

    int receivedStatus() {
        return receivedStatus;
    }
}
