package org.spagateway.dicom.network;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;

/**
 * Receives the presentation data values (PS3.8 9.3.5.1) of one DIMSE message on an {@link InboundAssociation}, in
 * the order they arrive, and says when the message (command and, if any, data set) is complete.
 */
@FunctionalInterface
public interface PresentationDataReceiver {

    /**
     * @param presentationContextId the context the value was sent on
     * @param command               whether the value is a command fragment (else a data set fragment)
     * @param last                  whether it is the last fragment of its command or data set
     * @param value                 the fragment
     * @return true when the message is complete and a response can be sent
     */
    boolean receive(byte presentationContextId, boolean command, boolean last, byte[] value)
            throws DicomNetworkException, DicomException, IOException;
}
