package org.spagateway.dicom.listener;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spagateway.dicom.network.PresentationContextDecision;
import org.spagateway.dicom.network.PresentationContextSelector;

/**
 * Presentation-context negotiation (PS3.8 9.3.3.2, PS3.4 B.3.1) and what each C-STORE's SOP class is to the
 * listener ({@link Use}). Verification and the configured storage SOP classes are accepted; other storage SOP
 * classes are accepted or not by the {@link UnusedSopClassPolicy}; any other abstract syntax is rejected with result 3
 * "abstract-syntax-not-supported (provider rejection)". That is the conformant way to refuse a SOP class: the SCU
 * learns before sending and reports it per instance. A C-STORE whose Affected SOP Class is still refused (e.g. it
 * differs from the context's abstract syntax) is answered 0x0122 by {@link DimseMessageHandler}.
 *
 * <p>Transfer syntax: the first of the configured syntaxes (in configured order of preference) that the sender
 * proposed in that context; none acceptable gives result 4 "transfer-syntaxes-not-supported", except for unused
 * classes that are discarded unread, which take the first syntax proposed. Each context is decided on its own, so a
 * sender that proposes one context per transfer syntax (dcmtk storescu does for compressed files) gets each accepted
 * and can send every file in its own syntax, unchanged.
 */
final class StoragePresentationContextPolicy implements PresentationContextSelector {

    static final byte ACCEPTANCE = PresentationContextDecision.ACCEPTANCE;
    static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = PresentationContextDecision.ABSTRACT_SYNTAX_NOT_SUPPORTED;
    static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = PresentationContextDecision.TRANSFER_SYNTAXES_NOT_SUPPORTED;

    /** What a SOP class is to the listener. */
    enum Use {
        /** Stored and announced for the tasks. */
        ANNOUNCED,
        /** A storage class no task uses, accepted and ignored by the policy. */
        IGNORED,
        /** Not accepted. */
        REFUSED
    }

    private final Set<String> sopClasses;
    private final UnusedSopClassPolicy unused;
    private final List<String> transferSyntaxes;

    StoragePresentationContextPolicy(List<String> sopClasses, UnusedSopClassPolicy unused,
                                     List<String> transferSyntaxes) {
        this.sopClasses = new LinkedHashSet<>(sopClasses);
        this.sopClasses.add(StorageSopClasses.VERIFICATION);
        this.unused = unused;
        this.transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    Use useOf(String sopClassUid) {
        if (sopClasses.contains(sopClassUid)) {
            return Use.ANNOUNCED;
        }
        return unused != UnusedSopClassPolicy.REFUSE && StorageSopClasses.isStorage(sopClassUid)
                ? Use.IGNORED
                : Use.REFUSED;
    }

    @Override
    public PresentationContextDecision select(String abstractSyntaxUid, List<String> proposedTransferSyntaxUids) {
        Use use = useOf(abstractSyntaxUid);
        if (use == Use.REFUSED) {
            return PresentationContextDecision.reject(ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        for (String preferred : transferSyntaxes) {
            if (proposedTransferSyntaxUids.contains(preferred)) {
                return PresentationContextDecision.accept(preferred);
            }
        }
        if (use == Use.IGNORED && unused == UnusedSopClassPolicy.DISCARD && !proposedTransferSyntaxUids.isEmpty()) {
            return PresentationContextDecision.accept(proposedTransferSyntaxUids.get(0));
        }
        return PresentationContextDecision.reject(TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }
}
