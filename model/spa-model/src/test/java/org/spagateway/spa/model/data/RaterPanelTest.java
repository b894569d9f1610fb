package org.spagateway.spa.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaterPanelTest {

    private final RaterPanel shippedCup = RaterPanel.defaults(Task.OPTIC_CUP);

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

    @Test
    void aCopyOfTheShippedPanelWithOtherDescriptionsHasTheShippedRaters() {
        List<RaterStyle> renamed = shippedCup.raters().stream().map(r -> new RaterStyle(r.id(), "our words",
                r.threshold(), r.smoothingSigma(), r.biasPixels(), r.thresholdJitter(), r.boundaryNoise(),
                r.noiseWavelength())).toList();

        assertThat(new RaterPanel(shippedCup.task(), "our panel", renamed).sameRaters(shippedCup)).isTrue();
        assertThat(RaterPanel.defaults(Task.OPTIC_CUP).sameRaters(shippedCup)).isTrue();
    }

    @Test
    void anotherStyleAnotherOrderOrAnotherTaskAreOtherRaters() {
        RaterStyle first = shippedCup.raters().get(0);
        List<RaterStyle> wider = new ArrayList<>(shippedCup.raters());
        wider.set(0, new RaterStyle(first.id(), first.description(), first.threshold() - 0.05,
                first.smoothingSigma(), first.biasPixels(), first.thresholdJitter(), first.boundaryNoise(),
                first.noiseWavelength()));
        List<RaterStyle> reordered = new ArrayList<>(shippedCup.raters());
        java.util.Collections.reverse(reordered);

        assertThat(new RaterPanel(shippedCup.task(), "", wider).sameRaters(shippedCup)).isFalse();
        assertThat(new RaterPanel(shippedCup.task(), "", reordered).sameRaters(shippedCup)).isFalse();
        assertThat(shippedCup.subset(List.of(0, 1, 2)).sameRaters(shippedCup)).isFalse();
        assertThat(RaterPanel.defaults(Task.NODULE).sameRaters(shippedCup)).isFalse();
    }
}
