package org.spagateway.dicom.network;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.util.Set;

/**
 * Checks each presentation data value of one DIMSE message before its receiver sees it. PixelMed passes on any PDV:
 * <ul>
 *   <li>it must be on a presentation context the acceptor accepted (PS3.8 9.3.3.2: the requestor may use only those).
 *       PixelMed looks up the transfer syntax of a rejected context as if it had been accepted, so a C-STORE on a
 *       context refused for its abstract syntax reached the store;</li>
 *   <li>the command's fragments come first and end with the last-fragment flag, then come the data set's (PS3.8 E.2,
 *       PS3.7 6.3.1): a command fragment after the command has ended starts a second message inside the first,
 *       which the receiver would read as the continuation of the first command set, waiting on for a data set that
 *       never comes while the first instance's partial file stayed open.</li>
 * </ul>
 * A PDV that breaks either rule fails the message, and the association is aborted. One instance per message.
 */
final class PresentationDataScreen implements PresentationDataReceiver {

    private final Set<Byte> acceptedContextIds;
    private final PresentationDataReceiver receiver;
    private boolean commandEnded;

    PresentationDataScreen(Set<Byte> acceptedContextIds, PresentationDataReceiver receiver) {
        this.acceptedContextIds = Set.copyOf(acceptedContextIds);
        this.receiver = receiver;
    }

    @Override
    public boolean receive(byte presentationContextId, boolean command, boolean last, byte[] value)
            throws DicomNetworkException, DicomException, IOException {
        if (!acceptedContextIds.contains(presentationContextId)) {
            throw new DicomNetworkException("presentation data value on context " + (presentationContextId & 0xff)
                    + ", which was not accepted");
        }
        if (command && commandEnded) {
            throw new DicomNetworkException("command fragment after the command set ended, inside a message");
        }
        if (command && last) {
            commandEnded = true;
        }
        return receiver.receive(presentationContextId, command, last, value);
    }
}
