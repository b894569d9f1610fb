package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.test.harness.DcmjsSegCheck;

/**
 * dcmjs 0.52.2 (the parser behind OHIF's SEG support) reads the SEGs the writer produces and its Cornerstone
 * adapter rebuilds label maps whose per-segment pixel counts equal the input masks'. Runs
 * {@code scripts/dcmjs/check-seg.js} with Node ({@link DcmjsSegCheck}); fails, naming what is missing, where Node or dcmjs is not installed
 * ({@code scripts/setup.sh} installs both).
 */
class DcmjsSegmentationIT {

    private static final Logger LOG = LoggerFactory.getLogger(DcmjsSegmentationIT.class);
    private static final DcmjsSegCheck DCMJS = DcmjsSegCheck.fromSystemProperty("../../scripts/dcmjs");

    @TempDir
    Path work;

    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());

    @BeforeAll
    static void requireNodeAndDcmjs() throws IOException, InterruptedException {
        DCMJS.requireInstalled();
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
        JsonNode result = DCMJS.check(seg, sources);
        LOG.info("dcmjs on {}: {}", seg.getFileName(), result);
        return result;
    }
}
