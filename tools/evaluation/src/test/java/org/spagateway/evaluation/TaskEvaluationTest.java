package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.RaterStyle;
import org.spagateway.spa.model.data.Task;

class TaskEvaluationTest {

    private final RaterPanel shipped = RaterPanel.defaults(Task.OPTIC_CUP);

    @Test
    void aCopyOfTheShippedPanelWithOtherDescriptionsHasTheShippedRaters() {
        List<RaterStyle> renamed = shipped.raters().stream().map(r -> new RaterStyle(r.id(), "our words",
                r.threshold(), r.smoothingSigma(), r.biasPixels(), r.thresholdJitter(), r.boundaryNoise(),
                r.noiseWavelength())).toList();

        assertThat(TaskEvaluation.sameRaters(new RaterPanel(shipped.task(), "our panel", renamed), shipped)).isTrue();
        assertThat(TaskEvaluation.sameRaters(RaterPanel.defaults(Task.OPTIC_CUP), shipped)).isTrue();
    }

    @Test
    void anotherStyleAnotherOrderOrAnotherTaskAreOtherRaters() {
        RaterStyle first = shipped.raters().get(0);
        List<RaterStyle> wider = new ArrayList<>(shipped.raters());
        wider.set(0, new RaterStyle(first.id(), first.description(), first.threshold() - 0.05,
                first.smoothingSigma(), first.biasPixels(), first.thresholdJitter(), first.boundaryNoise(),
                first.noiseWavelength()));
        List<RaterStyle> reordered = new ArrayList<>(shipped.raters());
        java.util.Collections.reverse(reordered);

        assertThat(TaskEvaluation.sameRaters(new RaterPanel(shipped.task(), "", wider), shipped)).isFalse();
        assertThat(TaskEvaluation.sameRaters(new RaterPanel(shipped.task(), "", reordered), shipped)).isFalse();
        assertThat(TaskEvaluation.sameRaters(shipped.subset(List.of(0, 1, 2)), shipped)).isFalse();
        assertThat(TaskEvaluation.sameRaters(RaterPanel.defaults(Task.NODULE), shipped)).isFalse();
    }
}
