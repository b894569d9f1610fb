package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PixelMedTuningTest {

    @Test
    void shortensPixelMedsWaitAfterTheReleaseResponseTo100Milliseconds() throws Exception {
        PixelMedTuning.apply();

        assertThat(PixelMedInternals.releaseToCloseWait().getInt(null)).isEqualTo(100);
    }

    @Test
    void applyingItAgainLeavesTheSameWait() throws Exception {
        PixelMedTuning.apply();
        PixelMedTuning.apply();

        assertThat(PixelMedInternals.releaseToCloseWait().getInt(null)).isEqualTo(PixelMedTuning.RELEASE_TO_CLOSE_MILLIS);
    }
}
