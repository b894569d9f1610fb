package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.study.generator.DemoTask;

class SegmentationReaderTest {

    @TempDir
    Path work;

    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());
    private final SegmentationReader reader = new SegmentationReader();

    @ParameterizedTest
    @ValueSource(ints = {256, 37})
    void readsBackEveryMaskTheWriterWroteBitForBit(int size) throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, size, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(DemoTask.CT, size, 2, true);
        WrittenSegmentation seg = writer.write(round, source, work.resolve("seg"));

        StoredSegmentation stored;
        try (InputStream in = Files.newInputStream(seg.file())) {
            stored = reader.read(in);
        }

        List<MaskGrid> expected = SegFixtures.masksInSegmentOrder(round);
        assertThat(stored.columns()).isEqualTo(size);
        assertThat(stored.rows()).isEqualTo(size);
        assertThat(stored.segments()).extracting(StoredSegment::number).containsExactly(1, 2, 3, 4, 5);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(stored.segments().get(i).mask()).isEqualTo(expected.get(i));
            assertThat(stored.segments().get(i).areaPixels()).isEqualTo(expected.get(i).count());
        }
    }

    @Test
    void readsHowManySamplesEachCandidateRepresentsFromItsDescription() throws Exception {
        Path source = SegFixtures.source(DemoTask.FUNDUS, 64, work.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(DemoTask.FUNDUS, 64, 1, false), source, work);

        StoredSegmentation stored = reader.read(new ByteArrayInputStream(Files.readAllBytes(seg.file())));

        assertThat(stored.segment(1).orElseThrow().samplesRepresented()).isEmpty();
        assertThat(stored.segment(1).orElseThrow().sampleCount()).isEqualTo(OptionalInt.of(SegFixtures.SAMPLES));
        assertThat(stored.segments().subList(1, 5)).extracting(segment -> segment.samplesRepresented().getAsInt())
                .containsExactly(20, 14, 9, 5);
        assertThat(stored.segment(3).orElseThrow().label()).isEqualTo("Candidate 2 of 4 (round 1)");
        assertThat(stored.segment(3).orElseThrow().sampleCount()).isEqualTo(OptionalInt.of(SegFixtures.SAMPLES));
    }

    @Test
    void refusesAnObjectThatIsNotASegmentation() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 32, work.resolve("source"));

        assertThatThrownBy(() -> reader.read(Files.newInputStream(source)))
                .isInstanceOf(SegmentationFormatException.class).hasMessageContaining("not Segmentation Storage");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(SegmentationFormatException.class);
    }
}
