package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.SpaConfig;

class FlopsTest {

    @Test
    void theDecoderCostScalesWithTheSamplesAndTheEncoderDoesNot() {
        Flops.Breakdown n48 = Flops.round(SpaConfig.defaults(3), 3);
        Flops.Breakdown n24 = Flops.round(SpaConfig.defaults(3).withSamples(24), 3);
        assertThat(n48.encoder()).isEqualTo(n24.encoder()).isPositive();
        assertThat(n48.perSampleDecoder()).isEqualTo(n24.perSampleDecoder());
        assertThat(n48.total(0) - n48.encoder()).isEqualTo(2 * (n24.total(0) - n24.encoder()));
        // The 3x3 head at full resolution alone: 8 x 9 MACs per pixel.
        assertThat(n48.perSampleDecoder()).isGreaterThan(8L * 9 * 128 * 128);
    }
}
