package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.spa.model.SpaModel;

/**
 * The models compared for one task, loaded from the shipped directory ({@code models/spa-<task>}) and the baseline
 * cache ({@code tools/evaluation/train-models.sh} writes {@code spa-<task>-click}, {@code -deterministic},
 * {@code -rater<k>}, {@code -without-r4}). Missing optional models just skip their experiment.
 */
public record TaskModels(SpaModel spa, SpaModel click, SpaModel deterministic, List<SpaModel> perRater,
                         SpaModel withoutR4) implements AutoCloseable {

    public static TaskModels load(String task, Path shipped, Path baselines) {
        SpaModel spa = SpaModel.load(require(shipped.resolve("spa-" + task + ".params")));
        SpaModel click = SpaModel.load(require(baselines.resolve("spa-" + task + "-click.params")));
        SpaModel deterministic = SpaModel.load(require(baselines.resolve("spa-" + task + "-deterministic.params")));
        List<SpaModel> perRater = new ArrayList<>();
        for (int k = 1; Files.exists(baselines.resolve("spa-" + task + "-rater" + k + ".params")); k++) {
            perRater.add(SpaModel.load(baselines.resolve("spa-" + task + "-rater" + k + ".params")));
        }
        Path without = baselines.resolve("spa-" + task + "-without-r4.params");
        return new TaskModels(spa, click, deterministic, perRater, Files.exists(without) ? SpaModel.load(without) : null);
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
    }
}
