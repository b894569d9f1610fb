package org.spagateway.spa.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RaterProfilesTest {

    @Test
    void aRaterWithoutStudiesStartsCold() {
        float[] cold = {0.5f, 0.5f};
        assertThat(new RaterProfiles(2).prior(1, cold)).isSameAs(cold);
    }

    @Test
    void theProfileIsTheMeanOfTheRatersLastNineApprovalEstimates() {
        RaterProfiles profiles = new RaterProfiles(2);
        profiles.add(0, new float[] {1f, 0f});
        for (int study = 0; study < RaterProfiles.WINDOW; study++) {
            profiles.add(0, new float[] {0.25f, 0.75f});
        }
        profiles.add(1, new float[] {0f, 1f});
        assertThat(profiles.studies(0)).isEqualTo(RaterProfiles.WINDOW);
        assertThat(profiles.prior(0, new float[2])).containsExactly(new float[] {0.25f, 0.75f}, within(1e-6f));
        assertThat(profiles.prior(1, new float[2])).containsExactly(0f, 1f);
    }
}
