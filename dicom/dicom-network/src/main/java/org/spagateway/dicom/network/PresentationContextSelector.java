package org.spagateway.dicom.network;

import java.util.List;

/**
 * Decides each presentation context an association requestor proposes (PS3.8 9.3.3.2, PS3.4 B.3.1), one at a time:
 * the acceptor answers with every decision in its A-ASSOCIATE-AC.
 */
@FunctionalInterface
public interface PresentationContextSelector {

    /**
     * @param abstractSyntaxUid          the SOP class proposed
     * @param proposedTransferSyntaxUids the transfer syntaxes proposed for it, in the requestor's order
     */
    PresentationContextDecision select(String abstractSyntaxUid, List<String> proposedTransferSyntaxUids);
}
