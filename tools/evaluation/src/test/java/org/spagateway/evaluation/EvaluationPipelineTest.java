package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.spa.model.InferenceRecipe;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.RaterStyle;
import org.spagateway.spa.model.data.Task;
import org.spagateway.spa.model.simulation.SimulatedRun;
import picocli.CommandLine;

/** The whole evaluation on untrained (seeded) networks and a handful of images: every experiment and file. */
class EvaluationPipelineTest {

    @Test
    void everyExperimentRunsAndTheReportHasItsTablesPlotsAndCsvs(@TempDir Path dir) throws Exception {
        Path shipped = dir.resolve("models");
        Path baselines = dir.resolve("baselines");
        untrainedModels(shipped, baselines, "spa-nodule-click", "spa-nodule-deterministic", "spa-nodule-rater1",
                "spa-nodule-rater2", "spa-nodule-without-r4", "spa-nodule-click-without-r4");
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(3, 2, new double[] {0.5, 0.7, 0.9}, 1, 2, 1,
                2, 0.7);
        TaskEvaluation.Result result;
        try (TaskModels models = TaskModels.load("nodule", shipped, baselines)) {
            result = TaskEvaluation.run(RaterPanel.defaults(Task.NODULE), models, settings);
        }
        assertThat(result.methods()).extracting(MethodResults::method)
                .containsExactly("SPA", "SPA, theta frozen", "SPA, points fed back, pi frozen", "click baseline",
                        "deterministic");
        assertThat(result.methods()).allSatisfy(m -> assertThat(m.runs()).hasSize(3));
        assertThat(result.diagonal()).hasDimensions(2, 4);
        assertThat(result.heldOut().methods()).extracting(MethodResults::method).containsExactly(
                "SPA trained without nod-R4", "SPA trained with all raters", "click baseline trained without nod-R4");
        assertThat(result.profile().carriedIterations()).hasSize(2);

        Path out = dir.resolve("report");
        ReportWriter.write(out, List.of(result), "spa-evaluate (test)", "test machine");
        String md = Files.readString(out.resolve("README.md"));
        assertThat(md).contains("All data here is synthetic", "### Goals (issue 17)",
                "G6: SPA iterations to Dice 0.97 <= 0.85 x", "### Goals of issue 3", "Supp. Table 1",
                "A rater held out of training", "Profile carried from study to study");
        assertThat(out.resolve("dice-vs-round-nodule.png")).exists();
        assertThat(out.resolve("iterations-vs-threshold-nodule.png")).exists();
        assertThat(Files.readAllLines(out.resolve("preferences-nodule.csv"))).hasSize(4);
        assertThat(Files.readAllLines(out.resolve("per-image-nodule.csv"))).as("5 methods and 3 held-out arms")
                .hasSize(1 + 5 * 3 + 3 * 3);
        assertThat(result.panel()).isEqualTo("the shipped panel");
        assertThat(md).contains("Preferences from the shipped panel.");
    }

    @Test
    void aPanelOfTheUsersOwnIsThePreferenceOfEveryMethodAndTheReportNamesIt(@TempDir Path dir) throws Exception {
        Path shipped = dir.resolve("models");
        Path baselines = dir.resolve("baselines");
        untrainedModels(shipped, baselines, "spa-nodule-click", "spa-nodule-deterministic", "spa-nodule-rater1",
                "spa-nodule-without-r4");
        // Two of the shipped raters, one of them drawing wider: a different panel with a different rater count.
        RaterPanel defaults = RaterPanel.defaults(Task.NODULE);
        RaterStyle wide = defaults.raters().get(0);
        RaterPanel own = new RaterPanel("nodule", "two site raters", List.of(new RaterStyle("site-A", "wide",
                wide.threshold() - 0.1, wide.smoothingSigma(), wide.biasPixels() + 1, wide.thresholdJitter(),
                wide.boundaryNoise(), wide.noiseWavelength()), defaults.raters().get(2)));
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(3, 2, new double[] {0.5, 0.7, 0.9}, 1, 2, 1,
                2, 0.7);
        TaskEvaluation.Result result;
        try (TaskModels models = TaskModels.load("nodule", shipped, baselines)) {
            result = TaskEvaluation.run(own, models, settings);
        }

        assertThat(result.raterIds()).containsExactly("site-A", defaults.raters().get(2).id());
        assertThat(result.panel()).isEqualTo("\"two site raters\" (raters site-A, " + defaults.raters().get(2).id()
                + ")");
        assertThat(result.cases()).allSatisfy(c -> assertThat(c.raters()).isNotEmpty().allMatch(r -> r < 2));
        assertThat(result.diagonal()).as("per-rater models belong to the shipped panel").isNull();
        assertThat(result.heldOut()).isNull();
        assertThat(result.profile().byRater()).hasSize(2);
        Path out = dir.resolve("report");
        ReportWriter.write(out, List.of(result), "spa-evaluate --raters own.json (test)", "test machine");
        assertThat(Files.readString(out.resolve("README.md"))).contains(
                "Preferences from \"two site raters\" (raters site-A, ", "experiments are left out")
                .doesNotContain("Supp. Table 1", "A rater held out of training");
    }

    @Test
    void theLeverSweepScoresTheReportsSpaSessionsUnderEachRecipe(@TempDir Path dir) throws Exception {
        Path shipped = dir.resolve("models");
        Path baselines = dir.resolve("baselines");
        untrainedModels(shipped, baselines, "spa-nodule-click", "spa-nodule-deterministic");
        RaterPanel panel = RaterPanel.defaults(Task.NODULE);
        InferenceRecipe recipe = new InferenceRecipe(1, 2, 1);
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(3, 3, new double[] {0.5, 0.9}, 1, 2, 1, 2,
                0.7, MultiRaterGenerator.Split.VALIDATION, recipe);
        try (TaskModels models = TaskModels.load("nodule", shipped, baselines)) {
            List<SimulatedRun> report = TaskEvaluation.run(panel, models, settings).results(ComparedMethod.SPA).runs();
            List<SimulatedRun> sweep = LeverSweep.spaArm(panel, models.spa(), settings).runs();
            List<SimulatedRun> paper = LeverSweep.spaArm(panel, models.spa(),
                    settings.withRecipe(InferenceRecipe.PAPER)).runs();
            assertThat(sweep).hasSize(3);
            for (int i = 0; i < sweep.size(); i++) {
                assertThat(sweep.get(i).dice()).as("image %d", i).containsExactly(report.get(i).dice());
            }
            assertThat(sweep).as("the recipe reaches the rounds").anySatisfy(run -> assertThat(run.dice())
                    .isNotEqualTo(paper.get(sweep.indexOf(run)).dice()));
        }

        Path table = dir.resolve("levers.md");
        int exit = new CommandLine(new LeverSweep()).execute("--task", "nodule", "--model",
                shipped.resolve("spa-nodule.params").toString(), "--recipes", "0,1,1;1,2,1", "--images", "3",
                "--profile-sequences", "0", "--out", table.toString());
        assertThat(exit).isZero();
        assertThat(Files.readString(table)).contains("Synthetic data. nodule, VALIDATION split, 3 images",
                "| 0,1,1 | ", "| 1,2,1 | ");
        assertThat(new CommandLine(new LeverSweep()).execute("--task", "nodule", "--model",
                shipped.resolve("spa-nodule.params").toString(), "--recipes", "0,1,1;2,1,1", "--profile-sequences",
                "0", "--out", dir.resolve("refused.md").toString())).as("a bad recipe, refused before any work")
                .isEqualTo(2);
        assertThat(dir.resolve("refused.md")).doesNotExist();
    }

    /** Seeded, untrained nodule networks: spa-nodule in {@code shipped}, the named baselines in {@code baselines}. */
    private static void untrainedModels(Path shipped, Path baselines, String... baselineNames) throws Exception {
        SpaConfig config = SpaConfig.defaults(1).withSamples(8);
        try (SpaModel model = SpaModel.create("spa-nodule", "nodule", config, "spa-nodule".hashCode())) {
            model.save(shipped, Map.of());
        }
        for (String name : baselineNames) {
            try (SpaModel model = SpaModel.create(name, "nodule", config, name.hashCode())) {
                model.save(baselines, Map.of());
            }
        }
    }
}
