package org.spagateway.dicom.listener;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

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
final class StoragePresentationContextPolicy implements PresentationContextSelectionPolicy {

    static final byte ACCEPTANCE = 0;
    static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

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
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList presentationContexts, int associationNumber,
                                                              int debugLevel) {
        return applyPresentationContextSelectionPolicy(presentationContexts, associationNumber);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList presentationContexts, int associationNumber) {
        for (Object item : presentationContexts) {
            select((PresentationContext) item);
        }
        return presentationContexts;
    }

    private void select(PresentationContext context) {
        if (!sopClasses.contains(context.getAbstractSyntaxUID())) {
            context.setResultReason(ABSTRACT_SYNTAX_NOT_SUPPORTED);
            return;
        }
        List<?> proposed = context.getTransferSyntaxUIDs();
        for (String preferred : transferSyntaxes) {
            if (proposed.contains(preferred)) {
                context.newTransferSyntaxUIDs();
                context.addTransferSyntaxUID(preferred);
                context.setResultReason(ACCEPTANCE);
                return;
            }
        }
        context.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }
}
