package org.spagateway.spa.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.SpaConfig;

class GradientCheckTest {

    @Test
    void withNarrowConvolutionsPaddedTheNetworksFloat32GradientsMatchAFloat64Computation() {
        for (SpaConfig config : new SpaConfig[] {SpaConfig.defaults(1), SpaConfig.defaults(3).withMixture(true, true)}) {
            GradientCheck.Outcome outcome = GradientCheck.measure(config, 11, true);
            assertThat(outcome.worstRelativeError()).as(outcome.toString()).isLessThan(GradientCheck.TOLERANCE);
        }
    }

    @Test
    void theVerdictPadsExactlyWhenThePlainLayersGetTheGradientsWrongOnThisCpu() {
        SpaConfig config = SpaConfig.defaults(1);
        GradientCheck.Verdict verdict = GradientCheck.verify(config, 11);
        GradientCheck.Outcome plain = GradientCheck.measure(config, 11, false);
        assertThat(verdict.padNarrowConvolutions()).as(verdict.describe()).isEqualTo(!plain.passed());
        if (verdict.padNarrowConvolutions()) {
            assertThat(verdict.padded().passed()).isTrue();
            assertThat(verdict.describe()).startsWith("narrow convolutions padded: the plain layers' gradients are "
                    + "wrong on this CPU (06decoder_");
        } else {
            assertThat(verdict.describe()).startsWith("plain layers: gradients right on this CPU");
        }
    }
}
