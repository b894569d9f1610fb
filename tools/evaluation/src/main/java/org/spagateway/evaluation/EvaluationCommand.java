package org.spagateway.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line: the paper's evaluation protocol on held-out synthetic data, all methods in one run. */
@Command(name = "spa-evaluate", mixinStandardHelpOptions = true,
        description = "Evaluates SPA against a deterministic model, a click-based model and SPA with theta frozen on "
                + "held-out synthetic data; writes README.md, PNG plots and CSVs.")
public final class EvaluationCommand implements Callable<Integer> {

    @Option(names = "--tasks", split = ",", defaultValue = "optic-cup,nodule")
    List<String> tasks;
    @Option(names = "--models", defaultValue = "models", description = "directory of the shipped SPA weights")
    Path models;
    @Option(names = "--baselines", defaultValue = "tools/evaluation/target/models",
            description = "directory of the baseline weights (tools/evaluation/train-models.sh)")
    Path baselines;
    @Option(names = "--out", defaultValue = "docs/evaluation")
    Path out;
    @Option(names = "--test-images", defaultValue = "60")
    int testImages;
    @Option(names = "--rounds", defaultValue = "6")
    int rounds;
    @Option(names = "--thresholds", split = ",", defaultValue = "0.85,0.88,0.91,0.93,0.95,0.97")
    double[] thresholds;
    @Option(names = "--profile-threshold", defaultValue = "0.93")
    double profileThreshold;
    @Option(names = "--profile-sequences", defaultValue = "6",
            description = "10-study sequences per rater (at most test images / 10)")
    int profileSequences;
    @Option(names = "--data-seed", defaultValue = "1")
    long dataSeed;
    @Option(names = "--seed", defaultValue = "7")
    long seed;
    @Option(names = "--threads", defaultValue = "1")
    int threads;
    @Option(names = "--split", defaultValue = "TEST",
            description = "TEST (the report) or VALIDATION (compare recipes or weights without the test images)")
    MultiRaterGenerator.Split split;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "spa-model-logback.xml");
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new EvaluationCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Logger log = LoggerFactory.getLogger(EvaluationCommand.class);
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(testImages, rounds, thresholds, dataSeed, seed,
                profileSequences, 10, profileThreshold, split);
        List<TaskEvaluation.Result> results = new ArrayList<>();
        for (String task : tasks) {
            log.info("evaluating {} on {} test images", task, testImages);
            try (TaskModels loaded = TaskModels.load(task, models, baselines)) {
                results.add(TaskEvaluation.run(RaterPanel.defaults(Task.fromId(task)), loaded, settings));
            }
        }
        String command = "spa-evaluate --tasks " + String.join(",", tasks) + " --test-images " + testImages
                + " --rounds " + rounds + " --thresholds " + String.join(",",
                Arrays.stream(thresholds).mapToObj(Double::toString).toList()) + " --profile-threshold "
                + profileThreshold + " --profile-sequences " + profileSequences + " --data-seed " + dataSeed
                + " --seed " + seed + (split == MultiRaterGenerator.Split.TEST ? "" : " --split " + split)
                + " --threads " + threads + " --models " + models + " --baselines " + baselines
                + " --out " + out;
        String machine = "Machine: " + Runtime.getRuntime().availableProcessors() + " CPU cores ("
                + System.getProperty("os.arch") + "), PyTorch " + threads + " intra-op thread(s), Java "
                + System.getProperty("java.version") + ".";
        ReportWriter.write(out, results, command, machine);
        log.info("wrote {}", out.resolve("README.md"));
        return 0;
    }
}
