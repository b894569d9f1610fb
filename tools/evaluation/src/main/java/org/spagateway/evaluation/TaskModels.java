package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.spa.model.SpaModel;

/**
 * The models compared for one task, loaded from the shipped directory ({@code models/spa-<task>}) and the baseline
 * cache ({@code tools/evaluation/train-models.sh} writes {@code spa-<task>-click}, {@code -deterministic},
 * {@code -rater<k>}, {@code -without-r4}, {@code -click-without-r4}). Missing optional models just skip their
 * experiment; without {@code -click-without-r4} the held-out rater is compared with the click baseline trained on
 * every rater, and the report says so.
 */
public record TaskModels(SpaModel spa, SpaModel click, SpaModel deterministic, List<SpaModel> perRater,
                         SpaModel withoutR4, SpaModel clickWithoutR4) implements AutoCloseable {

    public static TaskModels load(String task, Path shipped, Path baselines) {
        SpaModel spa = SpaModel.load(require(shipped.resolve("spa-" + task + ".params")));
        SpaModel click = SpaModel.load(require(baselines.resolve("spa-" + task + "-click.params")));
        SpaModel deterministic = SpaModel.load(require(baselines.resolve("spa-" + task + "-deterministic.params")));
        List<SpaModel> perRater = new ArrayList<>();
        for (int k = 1; Files.exists(baselines.resolve("spa-" + task + "-rater" + k + ".params")); k++) {
            perRater.add(SpaModel.load(baselines.resolve("spa-" + task + "-rater" + k + ".params")));
        }
        return new TaskModels(spa, click, deterministic, perRater, optional(baselines, "spa-" + task + "-without-r4"),
                optional(baselines, "spa-" + task + "-click-without-r4"));
    }

    private static SpaModel optional(Path baselines, String name) {
        Path params = baselines.resolve(name + ".params");
        return Files.exists(params) ? SpaModel.load(params) : null;
    }

    private static Path require(Path params) {
        if (!Files.exists(params)) {
            throw new IllegalStateException("missing " + params + " (train it with tools/evaluation/train-models.sh)");
        }
        return params;
    }

    @Override
    public void close() {
        spa.close();
        click.close();
        deterministic.close();
        perRater.forEach(SpaModel::close);
        if (withoutR4 != null) {
            withoutR4.close();
        }
        if (clickWithoutR4 != null) {
            clickWithoutR4.close();
        }
    }
}
