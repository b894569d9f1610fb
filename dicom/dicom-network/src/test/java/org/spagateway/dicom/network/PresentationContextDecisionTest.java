package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PresentationContextDecisionTest {

    @Test
    void anAcceptanceNamesTheOneTransferSyntaxChosen() {
        PresentationContextDecision accepted = PresentationContextDecision.accept("1.2.840.10008.1.2.1");

        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.result()).isZero();
        assertThat(accepted.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
    }

    @Test
    void aRejectionNeedsAReasonFromTable9_18AndNamesNoTransferSyntax() {
        assertThat(PresentationContextDecision.reject((byte) 3).transferSyntaxUid()).isNull();
        assertThatThrownBy(() -> PresentationContextDecision.reject(PresentationContextDecision.ACCEPTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresentationContextDecision.reject((byte) 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Table 9-18");
    }
}
