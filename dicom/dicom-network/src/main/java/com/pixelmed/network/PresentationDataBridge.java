package com.pixelmed.network;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import org.spagateway.dicom.network.PresentationDataReceiver;

/**
 * Lets spa-gateway receive P-DATA values through PixelMed's {@link Association}. It lives in PixelMed's package only
 * because {@link ReceivedDataHandler}'s constructor is package-private; it holds no logic: every presentation data
 * value (PS3.8 9.3.5.1) goes to the {@link PresentationDataReceiver}, which says when a whole DIMSE message (command
 * and, if any, data set) has arrived. Only org.spagateway.dicom.network uses it ({@code InboundAssociation});
 * {@code PixelMedInternalsTest} fails the build if PixelMed's side of it changes.
 */
public final class PresentationDataBridge extends ReceivedDataHandler {

    private final PresentationDataReceiver receiver;

    public PresentationDataBridge(PresentationDataReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public void sendPDataIndication(PDataPDU pdata, Association association)
            throws DicomNetworkException, DicomException, IOException {
        for (Object item : pdata.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) item;
            if (receiver.receive(pdv.getPresentationContextID(), pdv.isCommand(), pdv.isLastFragment(),
                    pdv.getValue())) {
                setDone(true);
            }
        }
    }
}
