package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InferenceRecipeTest {

    /** Not even renormalised: the paper's draws (and a recipe that only sharpens the recommendation) stay bit-exact. */
    @Test
    void withoutPosteriorWeightOrSharpnessTheLatentsAreDrawnFromThePiMlpsOutputItself() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray mlp = manager.create(new float[] {0.1f, 0.2f, 0.7f}, new Shape(1, 3));
            NDArray input = manager.create(new float[] {1f, 0f, 0f}, new Shape(1, 3));
            assertThat(InferenceRecipe.PAPER.samplingPi(mlp, input)).isSameAs(mlp);
            assertThat(new InferenceRecipe(0, 1, 4).samplingPi(mlp, input)).isSameAs(mlp);
        }
    }

    @Test
    void thePosteriorWeightMixesWhatThePiMlpTookInIntoWhatItGave() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray mlp = manager.create(new float[] {0.2f, 0.3f, 0.5f, 0.25f, 0.25f, 0.5f}, new Shape(2, 3));
            NDArray input = manager.create(new float[] {1f, 0f, 0f, 0f, 1f, 0f}, new Shape(2, 3));
            float[] pi = new InferenceRecipe(0.5, 1, 1).samplingPi(mlp, input).toFloatArray();
            assertThat(pi).containsExactly(new float[] {0.6f, 0.15f, 0.25f, 0.125f, 0.625f, 0.25f}, within(1e-6f));
            assertThat(new InferenceRecipe(1, 1, 1).samplingPi(mlp, input).toFloatArray())
                    .containsExactly(new float[] {1f, 0f, 0f, 0f, 1f, 0f}, within(1e-6f));
        }
    }

    @Test
    void sharpeningRaisesTheWeightsToItsPowerAndNormalisesThem() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray mlp = manager.create(new float[] {0.2f, 0.3f, 0.5f}, new Shape(1, 3));
            float[] pi = new InferenceRecipe(0, 2, 1).samplingPi(mlp, mlp).toFloatArray();
            // 0.04, 0.09, 0.25 over 0.38
            assertThat(pi).containsExactly(new float[] {0.04f / 0.38f, 0.09f / 0.38f, 0.25f / 0.38f}, within(1e-6f));
        }
    }

    @Test
    void aSharperRecommendationWeighsSamplesByTheirComponentsWeight() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // Samples 0, 1 from component 0 (pi 0.75), sample 2 from component 1 (pi 0.25).
            NDArray responsibilities = manager.create(new float[] {1, 0, 1, 0, 0, 1}, new Shape(3, 2));
            NDArray pi = manager.create(new float[] {0.75f, 0.25f});
            float[] plain = new InferenceRecipe(0, 1, 1).recommendationWeights(responsibilities, pi).toFloatArray();
            assertThat(plain).containsExactly(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, within(1e-6f));
            float[] squared = new InferenceRecipe(0, 1, 2).recommendationWeights(responsibilities, pi).toFloatArray();
            // pi^(2-1) per sample: 0.75, 0.75, 0.25 over 1.75; the components then weigh 0.9 and 0.1 = pi^2, normalised.
            assertThat(squared).containsExactly(new float[] {0.75f / 1.75f, 0.75f / 1.75f, 0.25f / 1.75f},
                    within(1e-6f));
        }
    }

    @Test
    void parsesTheCommandLineFormAndNamesWhatIsWrongWithIt() {
        assertThat(InferenceRecipe.parse("0.75, 1,1")).isEqualTo(new InferenceRecipe(0.75, 1, 1));
        assertThatThrownBy(() -> InferenceRecipe.parse("0.75,1")).hasMessageContaining("posteriorWeight,piSharpness");
        assertThatThrownBy(() -> InferenceRecipe.parse("a,1,1")).hasMessageContaining("three numbers");
    }

    @Test
    void refusesWeightsAndSharpnessOutOfRange() {
        assertThatThrownBy(() -> new InferenceRecipe(1.5, 1, 1)).hasMessageContaining("posterior weight");
        assertThatThrownBy(() -> new InferenceRecipe(0, 0, 1)).hasMessageContaining("sharpness");
        assertThatThrownBy(() -> new InferenceRecipe(0, 1, Double.NaN)).hasMessageContaining("sharpness");
    }
}
