package org.spagateway.dicom.network;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * A {@link PresentationContextSelector}'s decisions applied to PixelMed's proposed contexts, which its acceptor then
 * encodes as they are left: the result/reason, and the first (here the only) transfer syntax of an accepted context.
 * One per association: it remembers which contexts it accepted.
 */
final class PresentationContextNegotiation implements PresentationContextSelectionPolicy {

    private final PresentationContextSelector selector;
    private final Set<Byte> accepted = new HashSet<>();

    PresentationContextNegotiation(PresentationContextSelector selector) {
        this.selector = selector;
    }

    /** The overload with PixelMed's old debug level, deprecated there and no longer called by its acceptor. */
    @Deprecated
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
            apply((PresentationContext) item);
        }
        return presentationContexts;
    }

    /** The identifiers of the presentation contexts accepted so far. */
    Set<Byte> acceptedContextIds() {
        return Set.copyOf(accepted);
    }

    private void apply(PresentationContext context) {
        List<String> proposed = new ArrayList<>();
        for (Object transferSyntax : context.getTransferSyntaxUIDs()) {
            proposed.add((String) transferSyntax);
        }
        PresentationContextDecision decision = selector.select(context.getAbstractSyntaxUID(), List.copyOf(proposed));
        if (decision.accepted()) {
            context.newTransferSyntaxUIDs();
            context.addTransferSyntaxUID(decision.transferSyntaxUid());
            accepted.add(context.getIdentifier());
        }
        context.setResultReason(decision.result());
    }
}
