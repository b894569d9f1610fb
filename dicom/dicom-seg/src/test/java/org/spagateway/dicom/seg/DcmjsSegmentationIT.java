package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.study.generator.DemoTask;

/**
 * dcmjs 0.52.2 (the parser behind OHIF's SEG support) reads the SEGs the writer produces and its Cornerstone
 * adapter rebuilds label maps whose per-segment pixel counts equal the input masks'. Runs
 * {@code scripts/dcmjs/check-seg.js} with Node; fails, naming what is missing, where Node or dcmjs is not installed
 * ({@code scripts/setup.sh} installs both).
 */
class DcmjsSegmentationIT {

    private static final Logger LOG = LoggerFactory.getLogger(DcmjsSegmentationIT.class);
    private static final Path DCMJS_DIR = Path.of(System.getProperty("spa.dcmjs.dir", "../../scripts/dcmjs"));

    @TempDir
    Path work;

    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());

    @BeforeAll
    static void requireNodeAndDcmjs() {
        assertThat(nodeIsInstalled())
                .as("node is not installed: scripts/setup.sh installs it (Debian packages nodejs and npm)").isTrue();
        assertThat(DCMJS_DIR.resolve("node_modules/dcmjs/package.json"))
                .as("dcmjs is not installed; run `npm ci --prefix scripts/dcmjs` (scripts/setup.sh does)")
                .exists();
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void dcmjsRebuildsEveryCandidateMaskOfARound(DemoTask task) throws Exception {
        Path source = SegFixtures.source(task, 256, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(task, 256, 2, true);
        WrittenSegmentation seg = writer.write(round, source, work);

        JsonNode result = checkSeg(seg.file(), source);

        List<MaskGrid> masks = SegFixtures.masksInSegmentOrder(round);
        assertThat(result.path("segmentationType").asText()).isEqualTo("BINARY");
        assertThat(result.path("segmentCount").asInt()).isEqualTo(masks.size());
        JsonNode segments = result.path("segments");
        for (int i = 0; i < masks.size(); i++) {
            JsonNode segment = segments.get(i);
            assertThat(segment.path("number").asInt()).isEqualTo(i + 1);
            assertThat(segment.path("pixelCount").asInt()).as("pixels of segment %d", i + 1)
                    .isEqualTo(masks.get(i).count());
            assertThat(segment.path("algorithmType").asText()).isEqualTo("SEMIAUTOMATIC");
        }
        assertThat(segments.get(0).path("label").asText()).isEqualTo("Recommended (round 2)");
        assertThat(segments.get(1).path("description").asText()).contains("represents 20 of 48 samples");
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void dcmjsRebuildsMasksWhoseFramesAreNotByteAligned(DemoTask task) throws Exception {
        Path source = SegFixtures.source(task, 37, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(task, 37, 1, false);
        WrittenSegmentation seg = writer.write(round, source, work);

        JsonNode segments = checkSeg(seg.file(), source).path("segments");

        List<MaskGrid> masks = SegFixtures.masksInSegmentOrder(round);
        for (int i = 0; i < masks.size(); i++) {
            assertThat(segments.get(i).path("pixelCount").asInt()).as("pixels of segment %d", i + 1)
                    .isEqualTo(masks.get(i).count());
        }
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void dcmjsReadsTheApprovedSegmentation(DemoTask task) throws Exception {
        Path source = SegFixtures.source(task, 256, work.resolve("source"));
        ApprovedSegmentation approved = SegmentationConformanceTest.approved(task, 256);
        WrittenSegmentation seg = writer.writeFinal(approved, source, work);

        JsonNode result = checkSeg(seg.file(), source);

        assertThat(result.path("segmentCount").asInt()).isEqualTo(1);
        assertThat(result.path("segments").get(0).path("pixelCount").asInt()).isEqualTo(approved.mask().count());
        assertThat(result.path("segments").get(0).path("label").asText()).isEqualTo("Approved segmentation");
    }

    private static JsonNode checkSeg(Path seg, Path... sources) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("node",
                DCMJS_DIR.resolve("check-seg.js").toString(), seg.toString()));
        for (Path source : sources) {
            command.add(source.toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String stdout;
        String stderr;
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("check-seg.js finished").isTrue();
        assertThat(process.exitValue()).as("check-seg.js failed: %s", stderr).isZero();
        LOG.info("dcmjs on {}: {}", seg.getFileName(), stdout.strip());
        return new ObjectMapper().readTree(stdout);
    }

    private static boolean nodeIsInstalled() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
