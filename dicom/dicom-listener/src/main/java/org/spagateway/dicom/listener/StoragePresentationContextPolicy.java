package org.spagateway.dicom.listener;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spagateway.dicom.network.PresentationContextDecision;
import org.spagateway.dicom.network.PresentationContextSelector;

/**
 * Presentation-context negotiation (PS3.8 9.3.3.2, PS3.4 B.3.1): Verification and the allow-listed storage SOP
 * classes are accepted; any other abstract syntax is rejected at negotiation with result 3 "abstract-syntax-not-
 * supported (provider rejection)". That is the conformant way to refuse a SOP class: the SCU learns before sending
 * and reports it per instance (a C-STORE on a context it never negotiated cannot happen). A C-STORE whose Affected
 * SOP Class is still not allowed (e.g. it differs from the context's abstract syntax) is answered 0x0122 by
 * {@link DimseMessageHandler}.
 *
 * <p>Transfer syntax: the first of the configured syntaxes (in configured order of preference) that the sender
 * proposed in that context; none acceptable gives result 4 "transfer-syntaxes-not-supported". Each context is decided
 * on its own, so a sender that proposes one context per transfer syntax (dcmtk storescu does for compressed files)
 * gets each accepted and can send every file in its own syntax, unchanged.
 */
final class StoragePresentationContextPolicy implements PresentationContextSelector {

    static final byte ACCEPTANCE = PresentationContextDecision.ACCEPTANCE;
    static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = PresentationContextDecision.ABSTRACT_SYNTAX_NOT_SUPPORTED;
    static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = PresentationContextDecision.TRANSFER_SYNTAXES_NOT_SUPPORTED;

    private final Set<String> sopClasses;
    private final List<String> transferSyntaxes;

    StoragePresentationContextPolicy(List<String> sopClasses, List<String> transferSyntaxes) {
        this.sopClasses = new LinkedHashSet<>(sopClasses);
        this.sopClasses.add(StorageSopClasses.VERIFICATION);
        this.transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    boolean acceptsSopClass(String sopClassUid) {
        return sopClasses.contains(sopClassUid);
    }

    @Override
    public PresentationContextDecision select(String abstractSyntaxUid, List<String> proposedTransferSyntaxUids) {
        if (!sopClasses.contains(abstractSyntaxUid)) {
            return PresentationContextDecision.reject(ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        for (String preferred : transferSyntaxes) {
            if (proposedTransferSyntaxUids.contains(preferred)) {
                return PresentationContextDecision.accept(preferred);
            }
        }
        return PresentationContextDecision.reject(TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }
}
