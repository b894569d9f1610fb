package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.InferenceRecipe;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.simulation.SimulatedRun;

/**
 * The Markdown report for fixed results (built as {@link TaskEvaluation#run} builds them, without models), compared
 * byte for byte with a golden file: one task with every optional section, one with none.
 */
class ReportWriterTest {

    private static final double NONE = Double.NaN;

    @Test
    void writesTheGoldenMarkdownForATaskWithEverySectionAndATaskWithNone(@TempDir Path dir) throws IOException {
        ReportWriter.write(dir, List.of(noduleWithEverySection(), opticCupWithoutOptionalSections()),
                "spa-evaluate --tasks nodule,optic-cup (golden)", "Machine: golden test.");

        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo(golden("golden/evaluation-report.md"));
    }

    @Test
    void theGoalsCompareTheMethodsByNameWhateverOrderTheResultsListThemIn(@TempDir Path dir) throws IOException {
        TaskEvaluation.Result listed = noduleWithEverySection();
        List<MethodResults> reversed = new java.util.ArrayList<>(listed.methods());
        java.util.Collections.reverse(reversed);

        ReportWriter.write(dir, List.of(withMethods(listed, reversed)), "c", "m");

        assertThat(goals(Files.readString(dir.resolve("README.md"))))
                .isEqualTo(goals(golden("golden/evaluation-report.md")));
    }

    @Test
    void aTaskWithoutTheClickBaselineIsRefusedNamingIt(@TempDir Path dir) {
        TaskEvaluation.Result listed = opticCupWithoutOptionalSections();
        List<MethodResults> withoutClick = listed.methods().stream()
                .filter(m -> !m.method().equals(ComparedMethod.CLICK.label())).toList();

        assertThatThrownBy(() -> ReportWriter.write(dir, List.of(withMethods(listed, withoutClick)), "c", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("click baseline");
    }

    @Test
    void writesThePlotsAndCsvsOfEveryTask(@TempDir Path dir) throws IOException {
        ReportWriter.write(dir, List.of(noduleWithEverySection(), opticCupWithoutOptionalSections()), "c", "m");

        for (String task : List.of("nodule", "optic-cup")) {
            assertThat(dir.resolve("dice-vs-round-" + task + ".png")).isNotEmptyFile();
            assertThat(dir.resolve("iterations-vs-threshold-" + task + ".png")).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("preferences-nodule.csv"))).containsExactly(
                "index,phantom_seed,raters,initial_x,initial_y,initial_positive,preference_area",
                "0,101,r1+r3,12,20,true,340",
                "1,102,r2,30,8,true,295");
        assertThat(Files.readAllLines(dir.resolve("per-image-nodule.csv"))).as("4 methods and 3 held-out arms")
                .hasSize(1 + 4 * 2 + 3 * 2)
                .contains("index,method,dice_round_1,dice_round_2,dice_round_3",
                        "1,\"click baseline\",0.70000,0.74000,0.79000",
                        "1,\"held-out r4: click baseline (all raters)\",0.69000,0.73000,0.81000");
    }

    private static TaskEvaluation.Result noduleWithEverySection() {
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(2, 3, new double[] {0.80, 0.90, 0.95}, 1, 7,
                1, 2, 0.90, MultiRaterGenerator.Split.TEST, new InferenceRecipe(0.75, 1, 1));
        List<MethodResults> methods = List.of(
                method("SPA", spa(0.78, 0.88, 0.96, 3, 3), spa(0.82, 0.91, 0.93, 2, 3)),
                method("SPA, theta frozen", frozen(0.78, 0.83, 0.85), frozen(0.82, 0.84, 0.86)),
                method("click baseline", plain(0.75, 0.85, 0.90), plain(0.70, 0.74, 0.79)),
                method("deterministic", plain(0.80, 0.80, 0.80), plain(0.76, 0.76, 0.76)));
        TaskEvaluation.HeldOut heldOut = new TaskEvaluation.HeldOut("r4", List.of(
                method("SPA trained without r4", spa(0.70, 0.80, 0.91, 1, 3), spa(0.72, 0.79, 0.84, 2, 3)),
                method("SPA trained with all raters", spa(0.74, 0.86, 0.93, 3, 3), spa(0.75, 0.85, 0.92, 3, 3)),
                method("click baseline (all raters)", plain(0.71, 0.77, 0.82), plain(0.69, 0.73, 0.81))));
        TaskEvaluation.ProfileResult profile = new TaskEvaluation.ProfileResult(0.90, new double[] {4.5, 4.25},
                new double[] {4.5, 2.75}, new double[] {0.8125, 0.8}, new double[] {0.8125, 0.875}, 4, List.of(
                new TaskEvaluation.RaterOutcome(4, 2, 0.9, 0.93), new TaskEvaluation.RaterOutcome(3, 3, 0.92, 0.92),
                new TaskEvaluation.RaterOutcome(10, 10, 0.7, 0.72), new TaskEvaluation.RaterOutcome(0, 0, 0.95, 0.97)));
        double[][] diagonal = {{0.91, 0.88, 0.85, 0.80}, {0.87, 0.90, 0.86, 0.81}, {0.80, 0.85, 0.83, 0.79}};
        return new TaskEvaluation.Result("nodule", settings, List.of(
                new TaskEvaluation.TestCase(0, 101, List.of(0, 2), new Click(12, 20, true), 340),
                new TaskEvaluation.TestCase(1, 102, List.of(1), new Click(30, 8, true), 295)),
                methods, List.of("r1", "r2", "r3", "r4"), diagonal, heldOut, profile, 12.4, "the shipped panel",
                true);
    }

    private static TaskEvaluation.Result opticCupWithoutOptionalSections() {
        TaskEvaluation.Settings settings = new TaskEvaluation.Settings(1, 2, new double[] {0.85, 0.9}, 3, 5, 0, 0,
                0.9, MultiRaterGenerator.Split.VALIDATION, InferenceRecipe.PAPER);
        List<MethodResults> methods = List.of(
                method("SPA", spa(0.86, 0.92, 1, 1)),
                method("SPA, theta frozen", frozen(0.86, 0.87)),
                method("click baseline", plain(0.84, 0.88)),
                method("deterministic", plain(0.83, 0.83)));
        return new TaskEvaluation.Result("optic-cup", settings, List.of(
                new TaskEvaluation.TestCase(0, 9, List.of(0, 1, 2, 3), new Click(64, 60, true), 1200)),
                methods, List.of("r1", "r2", "r3", "r4"), null, null, null, 3.0,
                "\"wide raters\" (raters r1, r2, r3, r4)", false);
    }

    private static TaskEvaluation.Result withMethods(TaskEvaluation.Result r, List<MethodResults> methods) {
        return new TaskEvaluation.Result(r.task(), r.settings(), r.cases(), methods, r.raterIds(), r.diagonal(),
                r.heldOut(), r.profile(), r.seconds(), r.panel(), r.shippedPanel());
    }

    /** The first task's goals table and reachability line. */
    private static String goals(String markdown) {
        int start = markdown.indexOf("### Goals");
        return markdown.substring(start, markdown.indexOf("###", start + 1));
    }

    private static MethodResults method(String name, SimulatedRun... runs) {
        MethodResults method = new MethodResults(name);
        for (SimulatedRun run : runs) {
            method.add(run);
        }
        return method;
    }

    /** An SPA run: dice per round, then the agreeing and all choices; candidates 0.7 similar, rising per round. */
    private static SimulatedRun spa(double... diceThenAgreementThenChoices) {
        int rounds = diceThenAgreementThenChoices.length - 2;
        double[] dice = java.util.Arrays.copyOf(diceThenAgreementThenChoices, rounds);
        double[] similarity = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            similarity[r] = 0.7 + 0.05 * r + dice[0] / 100;
        }
        return new SimulatedRun(dice, similarity, (int) diceThenAgreementThenChoices[rounds],
                (int) diceThenAgreementThenChoices[rounds + 1], new float[] {0.5f, 0.5f});
    }

    private static SimulatedRun frozen(double... dice) {
        double[] similarity = new double[dice.length];
        for (int r = 0; r < dice.length; r++) {
            similarity[r] = 0.8 + dice[r] / 100;
        }
        return new SimulatedRun(dice, similarity, 0, 0, null);
    }

    private static SimulatedRun plain(double... dice) {
        double[] similarity = new double[dice.length];
        java.util.Arrays.fill(similarity, NONE);
        return new SimulatedRun(dice, similarity, 0, 0, null);
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = ReportWriterTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
