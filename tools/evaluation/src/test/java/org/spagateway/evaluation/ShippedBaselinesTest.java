package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The baseline weights the report uses ship in {@code models/baselines} (issue 17), so {@code evaluate.sh} reproduces
 * every table without training: each listed in SHA256SUMS with its hash, a model card naming that hash, and together
 * every model the report's experiments load.
 */
class ShippedBaselinesTest {

    private static final Path BASELINES = Path.of("..", "..", "models", "baselines");

    @Test
    void everyShippedBaselineMatchesItsChecksumsAndItsCardNamesItsWeights() throws Exception {
        List<String> lines = Files.readAllLines(BASELINES.resolve("SHA256SUMS"));
        try (Stream<Path> files = Files.list(BASELINES)) {
            assertThat(lines).as("one line per .params and per .json file (the metadata holds the configuration "
                    + "and the inference recipe)").hasSize((int) files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".params") || f.endsWith(".json")).count());
        }
        for (String line : lines) {
            String[] parts = line.split(" +\\*?", 2);
            assertThat(sha256(BASELINES.resolve(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
            if (parts[1].endsWith(".params")) {
                String name = parts[1].substring(0, parts[1].length() - ".params".length());
                assertThat(lines).as("metadata of " + name).anyMatch(l -> l.endsWith(" " + name + ".json"));
                assertThat(Files.readString(BASELINES.resolve(name + ".md"))).as("model card of " + name)
                        .contains("Trained on synthetic data only", parts[0]);
            }
        }
    }

    /** Every baseline of the report's experiments, the held-out rater's pair (SPA and click without rater 4) too. */
    @ParameterizedTest
    @ValueSource(strings = {"optic-cup", "nodule"})
    void theShippedBaselinesHoldEveryModelTheReportsExperimentsLoad(String task) {
        try (TaskModels models = TaskModels.load(task, Path.of("..", "..", "models"), BASELINES)) {
            assertThat((String) models.click().info().training().get("command"))
                    .as("the click baseline, on SPA's study sequences").contains("--variant click",
                            "--profile-fraction 0.5");
            assertThat(models.perRater()).as("the per-rater models").hasSize(4);
            assertThat(models.withoutR4()).as("SPA trained without rater 4").isNotNull();
            assertThat((String) models.withoutR4().info().training().get("command")).contains("--held-out 3");
            assertThat(models.clickWithoutR4()).as("the click baseline trained without rater 4").isNotNull();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
