package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RaterPanelTest {

    private static RaterPanel parse(String json) throws IOException {
        return RaterPanel.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyTaskShipsFourDefaultRatersWithDistinctThresholds() {
        for (Task task : Task.values()) {
            RaterPanel panel = RaterPanel.defaults(task);
            assertThat(panel.taskKind()).isEqualTo(task);
            assertThat(panel.raters()).hasSize(4);
            assertThat(panel.raters().stream().map(RaterStyle::threshold).distinct()).hasSize(4);
        }
    }

    @Test
    void aPanelSurvivesAJsonRoundTrip() throws IOException {
        RaterPanel panel = RaterPanel.defaults(Task.NODULE);
        assertThat(parse(panel.toJson())).isEqualTo(panel);
    }

    @Test
    void anUnknownFieldIsRejectedInsteadOfIgnored() {
        String json = """
                {"task": "nodule", "raters": [{"id": "a", "threshold": 0.5, "smoothingSigma": 0, "biasPixels": 0,
                  "thresholdJitter": 0, "boundaryNoise": 0, "noiseWavelength": 10, "treshold": 0.4}]}""";
        assertThatThrownBy(() -> parse(json)).hasMessageContaining("treshold");
    }

    @Test
    void aMissingStyleFieldIsRejected() {
        String json = """
                {"task": "nodule", "raters": [{"id": "a", "threshold": 0.5}]}""";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IOException.class);
    }

    @Test
    void anOutOfRangeThresholdNamesTheRater() {
        String json = """
                {"task": "nodule", "raters": [{"id": "dr-x", "threshold": 1.5, "smoothingSigma": 0, "biasPixels": 0,
                  "thresholdJitter": 0, "boundaryNoise": 0, "noiseWavelength": 10}]}""";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dr-x").hasMessageContaining("threshold");
    }

    @Test
    void anUnknownTaskAndDuplicateRaterIdsAreRejected() {
        String style = """
                {"id": "a", "threshold": 0.5, "smoothingSigma": 0, "biasPixels": 0, "thresholdJitter": 0,
                 "boundaryNoise": 0, "noiseWavelength": 10}""";
        assertThatThrownBy(() -> parse("{\"task\": \"liver\", \"raters\": [" + style + "]}"))
                .hasMessageContaining("unknown task liver");
        assertThatThrownBy(() -> parse("{\"task\": \"nodule\", \"raters\": [" + style + "," + style + "]}"))
                .hasMessageContaining("duplicate rater id a");
    }
}
