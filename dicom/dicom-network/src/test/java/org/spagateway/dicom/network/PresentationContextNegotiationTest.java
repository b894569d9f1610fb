package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.PresentationContext;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decisions reach PixelMed's proposed contexts as its acceptor encodes them in the A-ASSOCIATE-AC (PS3.8 9.3.3.2):
 * the result/reason, and an accepted context's one transfer syntax.
 */
class PresentationContextNegotiationTest {

    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MG = "1.2.840.10008.5.1.4.1.1.1.2";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";

    /** Verification and CT, Explicit before Implicit VR Little Endian. */
    private final PresentationContextNegotiation negotiation = new PresentationContextNegotiation(
            (abstractSyntax, proposed) -> {
                if (!List.of(VERIFICATION, CT).contains(abstractSyntax)) {
                    return PresentationContextDecision.reject(PresentationContextDecision.ABSTRACT_SYNTAX_NOT_SUPPORTED);
                }
                return List.of(EXPLICIT_LE, IMPLICIT_LE).stream().filter(proposed::contains).findFirst()
                        .map(PresentationContextDecision::accept)
                        .orElse(PresentationContextDecision.reject(
                                PresentationContextDecision.TRANSFER_SYNTAXES_NOT_SUPPORTED));
            });

    @Test
    void anAcceptedContextKeepsOnlyTheChosenTransferSyntax() {
        PresentationContext echo = context(1, VERIFICATION, IMPLICIT_LE);
        PresentationContext ct = context(3, CT, IMPLICIT_LE, EXPLICIT_LE);

        apply(echo, ct);

        assertThat(echo.getResultReason()).isEqualTo(PresentationContextDecision.ACCEPTANCE);
        assertThat(ct.getResultReason()).isEqualTo(PresentationContextDecision.ACCEPTANCE);
        assertThat(ct.getTransferSyntaxUID()).isEqualTo(EXPLICIT_LE);
        assertThat(ct.getTransferSyntaxUIDs().toArray()).containsExactly(EXPLICIT_LE);
    }

    @Test
    void aRejectedContextCarriesItsReason() {
        PresentationContext mammography = context(5, MG, EXPLICIT_LE);
        PresentationContext jpeg2000 = context(7, CT, JPEG_2000);

        apply(mammography, jpeg2000);

        assertThat(mammography.getResultReason())
                .isEqualTo(PresentationContextDecision.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(jpeg2000.getResultReason())
                .isEqualTo(PresentationContextDecision.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    @Test
    void remembersWhichContextsItAccepted() {
        apply(context(1, MG, EXPLICIT_LE), context(3, CT, IMPLICIT_LE), context(5, CT, JPEG_2000));

        assertThat(negotiation.acceptedContextIds()).containsExactly((byte) 3);
    }

    private void apply(PresentationContext... contexts) {
        negotiation.applyPresentationContextSelectionPolicy(new LinkedList<>(List.of(contexts)), 1);
    }

    private static PresentationContext context(int id, String abstractSyntax, String... transferSyntaxes) {
        PresentationContext context = new PresentationContext((byte) id, abstractSyntax, transferSyntaxes[0]);
        for (int i = 1; i < transferSyntaxes.length; i++) {
            context.addTransferSyntaxUID(transferSyntaxes[i]);
        }
        return context;
    }
}
