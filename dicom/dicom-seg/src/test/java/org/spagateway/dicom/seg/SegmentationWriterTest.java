package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.dicom.objects.SourceImageException;

class SegmentationWriterTest {

    @TempDir
    Path work;

    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void pixelMedReadsBackOneSegmentPerMaskWithLabelsAndCodes(DemoTask task) throws Exception {
        Path source = SegFixtures.source(task, 256, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(task, 256, 1, false);

        WrittenSegmentation seg = writer.write(round, source, work.resolve("seg"));
        AttributeList list = read(seg.file());
        AttributeList sourceList = read(source);

        assertThat(text(list, "SOPClassUID")).isEqualTo("1.2.840.10008.5.1.4.1.1.66.4").isEqualTo(seg.sopClassUid());
        assertThat(text(list, "SOPInstanceUID")).isEqualTo(seg.sopInstanceUid()).startsWith("2.25.");
        assertThat(text(list, "StudyInstanceUID")).isEqualTo(text(sourceList, "StudyInstanceUID"));
        assertThat(text(list, "PatientID")).isEqualTo(text(sourceList, "PatientID"));
        assertThat(text(list, "SeriesInstanceUID")).isNotEqualTo(text(sourceList, "SeriesInstanceUID"));
        assertThat(text(list, "Modality")).isEqualTo("SEG");
        assertThat(text(list, "SegmentationType")).isEqualTo("BINARY");
        assertThat(text(list, "InstanceNumber")).isEqualTo("1");
        assertThat(text(list, "NumberOfFrames")).isEqualTo("5");
        assertThat(text(list, "Manufacturer")).isEqualTo("spa-gateway");
        assertThat(text(list, "ContentDate")).isEqualTo("20250314");
        assertThat(text(list, "ContentTime")).isEqualTo("092653");

        List<AttributeList> segments = items(list, "SegmentSequence");
        assertThat(segments).hasSize(5);
        assertThat(text(segments.get(0), "SegmentLabel")).isEqualTo("Recommended (round 1)");
        assertThat(text(segments.get(1), "SegmentLabel")).isEqualTo("Candidate 1 of 4 (round 1)");
        assertThat(text(segments.get(1), "SegmentDescription")).contains("represents 20 of 48 samples");
        assertThat(text(segments.get(4), "SegmentDescription")).contains("rank 4 of 4", "represents 5 of 48 samples");
        for (AttributeList segment : segments) {
            assertThat(text(segment, "SegmentAlgorithmType")).isEqualTo("AUTOMATIC");
            assertThat(text(segment, "SegmentAlgorithmName")).isEqualTo("spa-unet-small");
            AttributeList algorithm = items(segment, "SegmentationAlgorithmIdentificationSequence").get(0);
            assertThat(text(algorithm, "AlgorithmVersion")).isEqualTo("1.2.0");
        }
        AttributeList type = items(segments.get(0), "SegmentedPropertyTypeCodeSequence").get(0);
        assertThat(text(type, "CodeValue")).isEqualTo(task == DemoTask.CT ? "27925004" : "77664");
    }

    @Test
    void ctSegSharesTheSourceFrameOfReferenceAndPlaneGeometry() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 256, work.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(DemoTask.CT, 256, 1, false), source, work);
        AttributeList list = read(seg.file());
        AttributeList sourceList = read(source);

        assertThat(text(list, "FrameOfReferenceUID")).isEqualTo(text(sourceList, "FrameOfReferenceUID"));
        AttributeList shared = items(list, "SharedFunctionalGroupsSequence").get(0);
        assertThat(strings(items(shared, "PixelMeasuresSequence").get(0), "PixelSpacing"))
                .isEqualTo(strings(sourceList, "PixelSpacing"));
        AttributeList firstFrame = items(list, "PerFrameFunctionalGroupsSequence").get(0);
        assertThat(strings(items(firstFrame, "PlanePositionSequence").get(0), "ImagePositionPatient"))
                .isEqualTo(strings(sourceList, "ImagePositionPatient"));
    }

    @Test
    void fundusSegHasNoFrameOfReferenceBecauseItsPhotographHasNone() throws Exception {
        Path source = SegFixtures.source(DemoTask.FUNDUS, 256, work.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(DemoTask.FUNDUS, 256, 1, false), source, work);
        AttributeList list = read(seg.file());

        assertThat(list.get(DatasetBuilder.tag("FrameOfReferenceUID"))).isNull();
        assertThat(items(list, "DimensionIndexSequence")).hasSize(1);
    }

    @Test
    void everyFrameReferencesTheSourceImageAndItsSegment() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 256, work.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(DemoTask.CT, 256, 1, false), source, work);
        AttributeList list = read(seg.file());
        String sourceUid = text(read(source), "SOPInstanceUID");

        List<AttributeList> frames = items(list, "PerFrameFunctionalGroupsSequence");
        for (int i = 0; i < frames.size(); i++) {
            AttributeList derivation = items(frames.get(i), "DerivationImageSequence").get(0);
            assertThat(text(items(derivation, "DerivationCodeSequence").get(0), "CodeValue")).isEqualTo("113076");
            AttributeList sourceImage = items(derivation, "SourceImageSequence").get(0);
            assertThat(text(sourceImage, "ReferencedSOPInstanceUID")).isEqualTo(sourceUid);
            assertThat(text(items(sourceImage, "PurposeOfReferenceCodeSequence").get(0), "CodeValue"))
                    .isEqualTo("121322");
            assertThat(text(items(frames.get(i), "SegmentIdentificationSequence").get(0), "ReferencedSegmentNumber"))
                    .isEqualTo(String.valueOf(i + 1));
        }
        AttributeList referencedSeries = items(list, "ReferencedSeriesSequence").get(0);
        assertThat(text(items(referencedSeries, "ReferencedInstanceSequence").get(0), "ReferencedSOPInstanceUID"))
                .isEqualTo(sourceUid);
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void bitsRoundTripForEveryFrameIncludingFramesNotByteAligned(DemoTask task) throws Exception {
        for (int size : new int[] {256, 37}) {
            Path source = SegFixtures.source(task, size, work.resolve("source-" + size));
            CandidateSetSegmentation round = SegFixtures.round(task, size, 1, false);
            WrittenSegmentation seg = writer.write(round, source, work.resolve("seg-" + size));

            byte[] pixelData = read(seg.file()).get(DatasetBuilder.tag("PixelData")).getByteValues();

            List<MaskGrid> expected = SegFixtures.masksInSegmentOrder(round);
            int bits = size * size * expected.size();
            assertThat(pixelData.length).isEqualTo(((bits + 7) / 8 + 1) / 2 * 2);
            for (int frame = 0; frame < expected.size(); frame++) {
                assertThat(unpack(pixelData, frame, size)).as("frame %d at %dx%d", frame + 1, size, size)
                        .isEqualTo(expected.get(frame));
            }
        }
    }

    @Test
    void redeliveredRequestWritesTheSameBytesUnderTheSameUid() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 256, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(DemoTask.CT, 256, 3, true);

        WrittenSegmentation first = writer.write(round, source, work.resolve("first"));
        WrittenSegmentation second = new SegmentationWriter(SegmentationEquipment.defaults())
                .write(round, source, work.resolve("second"));
        WrittenSegmentation again = writer.write(round, source, work.resolve("first"));

        assertThat(second.sopInstanceUid()).isEqualTo(first.sopInstanceUid());
        assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
        assertThat(again.file()).isEqualTo(first.file());
        try (var files = Files.list(work.resolve("first"))) {
            assertThat(files).containsExactly(first.file());
        }
    }

    @Test
    void roundsOfOneSessionShareASeriesAndNumberInstancesByRound() throws Exception {
        Path source = SegFixtures.source(DemoTask.FUNDUS, 256, work.resolve("source"));
        WrittenSegmentation one = writer.write(SegFixtures.round(DemoTask.FUNDUS, 256, 1, false), source, work);
        WrittenSegmentation two = writer.write(SegFixtures.round(DemoTask.FUNDUS, 256, 2, true), source, work);

        assertThat(two.seriesInstanceUid()).isEqualTo(one.seriesInstanceUid());
        assertThat(two.sopInstanceUid()).isNotEqualTo(one.sopInstanceUid());
        AttributeList second = read(two.file());
        assertThat(text(second, "InstanceNumber")).isEqualTo("2");
        assertThat(items(second, "SegmentSequence"))
                .allSatisfy(segment -> assertThat(text(segment, "SegmentAlgorithmType")).isEqualTo("SEMIAUTOMATIC"));
    }

    @Test
    void anotherModelVersionWritesAnotherInstance() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 256, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(DemoTask.CT, 256, 1, false);
        CandidateSetSegmentation retrained = new CandidateSetSegmentation(round.sessionId(), round.round(),
                new ModelIdentity(round.model().name(), "1.3.0"), round.task(), round.followsChoice(),
                round.recommended(), round.candidates(), round.sampleCount(), round.requestedAt());

        assertThat(writer.write(retrained, source, work).sopInstanceUid())
                .isNotEqualTo(writer.write(round, source, work).sopInstanceUid());
    }

    @Test
    void approvedSegHasOneSegmentAndNamesTheApprover() throws Exception {
        Path source = SegFixtures.source(DemoTask.FUNDUS, 256, work.resolve("source"));
        ApprovedSegmentation approved = SegmentationConformanceTest.approved(DemoTask.FUNDUS, 256);

        WrittenSegmentation seg = writer.writeFinal(approved, source, work);
        WrittenSegmentation round = writer.write(SegFixtures.round(DemoTask.FUNDUS, 256, 2, true), source, work);
        AttributeList list = read(seg.file());

        assertThat(seg.segmentCount()).isEqualTo(1);
        assertThat(seg.seriesInstanceUid()).isNotEqualTo(round.seriesInstanceUid());
        assertThat(text(list, "ContentCreatorName")).isEqualTo("Rivera^Ana^^Dr");
        assertThat(text(list, "ContentLabel")).isEqualTo("SPA_APPROVED");
        AttributeList segment = items(list, "SegmentSequence").get(0);
        assertThat(text(segment, "SegmentDescription"))
                .contains("Approved by Dr Ana Rivera (id practitioner-0042)", "candidate 2 of round 2");
        assertThat(unpack(list.get(DatasetBuilder.tag("PixelData")).getByteValues(), 0, 256))
                .isEqualTo(approved.mask());
    }

    @Test
    void rejectsMasksThatAreNotOnTheSourceGrid() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 64, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(DemoTask.CT, 128, 1, false);

        assertThatThrownBy(() -> writer.write(round, source, work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128x128 but the source image grid is 64x64");
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(work.resolve("source"));
        }
    }

    @Test
    void rejectsATaskWithoutSegmentedPropertyCodes() throws Exception {
        Path source = SegFixtures.source(DemoTask.CT, 64, work.resolve("source"));
        CandidateSetSegmentation round = SegFixtures.round(DemoTask.CT, 64, 1, false);
        CandidateSetSegmentation unknown = new CandidateSetSegmentation(round.sessionId(), 1, round.model(),
                "knee-cartilage", false, round.recommended(), round.candidates(), 48, round.requestedAt());

        assertThatThrownBy(() -> writer.write(unknown, source, work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("knee-cartilage");
    }

    @Test
    void rejectsASourceThatIsNotDicom() throws Exception {
        Path notDicom = Files.writeString(work.resolve("notes.txt"), "not an image");

        assertThatThrownBy(() -> writer.write(SegFixtures.round(DemoTask.CT, 64, 1, false), notDicom, work))
                .isInstanceOf(SourceImageException.class);
    }

    /** Independent of the writer's packer: PS3.5 8.1.1, first pixel in the least significant bit, no frame padding. */
    private static MaskGrid unpack(byte[] pixelData, int frame, int size) {
        boolean[] pixels = new boolean[size * size];
        long offset = (long) frame * size * size;
        for (int i = 0; i < pixels.length; i++) {
            long bit = offset + i;
            pixels[i] = ((pixelData[(int) (bit / 8)] >> (bit % 8)) & 1) == 1;
        }
        return MaskGrid.of(size, size, pixels);
    }

    private static AttributeList read(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        return list;
    }

    private static String text(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword));
    }

    private static List<String> strings(AttributeList list, String keyword) throws Exception {
        return List.of(list.get(DatasetBuilder.tag(keyword)).getStringValues());
    }

    private static List<AttributeList> items(AttributeList list, String keyword) {
        SequenceAttribute sequence = (SequenceAttribute) list.get(DatasetBuilder.tag(keyword));
        List<AttributeList> items = new ArrayList<>();
        for (int i = 0; i < sequence.getNumberOfItems(); i++) {
            items.add(sequence.getItem(i).getAttributeList());
        }
        return items;
    }
}
