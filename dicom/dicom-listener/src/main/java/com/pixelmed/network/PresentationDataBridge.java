package com.pixelmed.network;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;

/**
 * Lets spa-gateway's DICOM listener receive P-DATA values through PixelMed's {@link Association}. It lives in
 * PixelMed's package only because {@link ReceivedDataHandler}'s constructor is package-private; it holds no logic:
 * every presentation data value (PS3.8 9.3.5.1) goes to the {@link Receiver}, which says when a whole DIMSE message
 * (command and, if any, data set) has arrived. Nothing outside the dicom-listener module uses it.
 */
public final class PresentationDataBridge extends ReceivedDataHandler {

    /** Receives the presentation data values of one DIMSE message, in order. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * @return true when the message is complete and a response can be sent
         */
        boolean receive(byte presentationContextId, boolean command, boolean last, byte[] value)
                throws DicomNetworkException, DicomException, IOException;
    }

    private final Receiver receiver;

    public PresentationDataBridge(Receiver receiver) {
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
