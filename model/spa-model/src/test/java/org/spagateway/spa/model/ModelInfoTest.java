package org.spagateway.spa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference recipe in a model's metadata: absent in files written before it existed, kept when saved again. */
class ModelInfoTest {

    @Test
    void metadataWithoutARecipeGivesThePapersAndARecipeInItIsWhatPredictorsFollow(@TempDir Path dir)
            throws Exception {
        try (SpaModel model = SpaModel.create("m", "nodule", SpaConfig.defaults(1).withSamples(8), 3)) {
            model.save(dir, Map.of());
        }
        Path json = dir.resolve("m.json");
        ObjectNode metadata = (ObjectNode) SpaModel.JSON.readTree(json.toFile());
        metadata.remove("inference");
        SpaModel.JSON.writeValue(json.toFile(), metadata);
        try (SpaModel old = SpaModel.load(dir.resolve("m.params")); SpaPredictor predictor = old.newPredictor()) {
            assertThat(old.info().inference()).isEqualTo(InferenceRecipe.PAPER);
            assertThat(predictor.recipe()).isEqualTo(InferenceRecipe.PAPER);
        }

        InferenceRecipe chosen = new InferenceRecipe(0.75, 1, 2);
        metadata.set("inference", SpaModel.JSON.valueToTree(chosen));
        SpaModel.JSON.writeValue(json.toFile(), metadata);
        Path again = dir.resolve("again");
        try (SpaModel model = SpaModel.load(dir.resolve("m.params")); SpaPredictor predictor = model.newPredictor()) {
            assertThat(predictor.recipe()).isEqualTo(chosen);
            model.save(again, Map.of());
        }
        try (SpaModel saved = SpaModel.load(again.resolve("m.params"))) {
            assertThat(saved.info().inference()).as("kept by a later save").isEqualTo(chosen);
        }
    }

    @Test
    void aModelWhoseMetadataHoldsAnOutOfRangeRecipeIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        try (SpaModel model = SpaModel.create("m", "nodule", SpaConfig.defaults(1).withSamples(8), 3)) {
            model.save(dir, Map.of());
        }
        Path json = dir.resolve("m.json");
        ObjectNode metadata = (ObjectNode) SpaModel.JSON.readTree(json.toFile());
        ((ObjectNode) metadata.get("inference")).put("posteriorWeight", 1.5);
        SpaModel.JSON.writeValue(json.toFile(), metadata);

        assertThatThrownBy(() -> SpaModel.load(dir.resolve("m.params")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot load SPA model")
                .rootCause().hasMessageContaining("posterior weight must be in [0, 1], got 1.5");
    }
}
