package org.spagateway.study.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.dicom.objects.DatasetBuilder;

class SyntheticStudyGeneratorTest {

    private final SyntheticStudyGenerator generator = new SyntheticStudyGenerator();

    @TempDir
    Path out;

    @Test
    void namesEachFileAfterItsSopInstanceUidAndLeavesNoPartFiles() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.CT, 2, 1).withSize(64), out);

        assertThat(study.files()).hasSize(2);
        for (Path file : study.files()) {
            String sopInstanceUid = DicomFiles.value(DicomFiles.read(file), "SOPInstanceUID");
            assertThat(file.getFileName()).hasToString(sopInstanceUid + ".dcm");
        }
        try (Stream<Path> listing = Files.list(out)) {
            assertThat(listing.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void regeneratesTheSameUidsFromTheSameSeed() throws Exception {
        StudySpec spec = StudySpec.of(DemoTask.FUNDUS, 1, 5).withSize(64);

        GeneratedStudy first = generator.generate(spec, out.resolve("a"));
        GeneratedStudy second = generator.generate(spec, out.resolve("b"));

        assertThat(second.studyInstanceUid()).isEqualTo(first.studyInstanceUid());
        assertThat(second.seriesInstanceUid()).isEqualTo(first.seriesInstanceUid());
        assertThat(second.files().get(0).getFileName()).isEqualTo(first.files().get(0).getFileName());
        assertThat(Files.readAllBytes(second.files().get(0))).isEqualTo(Files.readAllBytes(first.files().get(0)));
    }

    @Test
    void differentSeedsMakeDifferentStudies() throws Exception {
        GeneratedStudy first = generator.generate(StudySpec.of(DemoTask.CT, 1, 1).withSize(32), out);
        GeneratedStudy second = generator.generate(StudySpec.of(DemoTask.CT, 1, 2).withSize(32), out);

        assertThat(second.studyInstanceUid()).isNotEqualTo(first.studyInstanceUid());
    }

    @Test
    void lateInstanceWithAForcedStudyUidIsANewInstanceOfTheSamePatientsStudy() throws Exception {
        GeneratedStudy original = generator.generate(StudySpec.of(DemoTask.CT, 2, 1).withSize(32), out);
        GeneratedStudy late = generator.generate(StudySpec.of(DemoTask.CT, 1, 2).withSize(32)
                .withStudyInstanceUid(original.studyInstanceUid()), out);

        assertThat(late.studyInstanceUid()).isEqualTo(original.studyInstanceUid());
        assertThat(late.seriesInstanceUid()).isNotEqualTo(original.seriesInstanceUid());
        assertThat(original.files()).doesNotContainAnyElementsOf(late.files());
        AttributeList before = DicomFiles.read(original.files().get(0));
        AttributeList after = DicomFiles.read(late.files().get(0));
        for (String keyword : List.of("StudyInstanceUID", "PatientID", "PatientName", "AccessionNumber",
                "StudyDate")) {
            assertThat(DicomFiles.value(after, keyword)).as(keyword).isEqualTo(DicomFiles.value(before, keyword));
        }
    }

    @Test
    void declaresTheStudySizeInEveryInstanceWhenAsked() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.CT, 3, 1).withSize(32), out);

        for (Path file : study.files()) {
            assertThat(DicomFiles.value(DicomFiles.read(file), "NumberOfStudyRelatedInstances")).isEqualTo("3");
        }
    }

    @Test
    void omitsTheStudySizeWhenNotDeclared() throws Exception {
        GeneratedStudy study = generator.generate(
                StudySpec.of(DemoTask.FUNDUS, 1, 1).withSize(32).withDeclaredStudySize(false), out);

        AttributeList list = DicomFiles.read(study.files().get(0));
        assertThat(list.get(DatasetBuilder.tag("NumberOfStudyRelatedInstances"))).isNull();
    }

    @Test
    void writesCtSlicesAsOneContiguousStackInOneFrameOfReference() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.CT, 4, 3).withSize(64), out);

        List<Double> z = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < study.files().size(); i++) {
            AttributeList list = DicomFiles.read(study.files().get(i));
            assertThat(DicomFiles.value(list, "InstanceNumber")).isEqualTo(String.valueOf(i + 1));
            z.add(Double.parseDouble(DicomFiles.values(list, "ImagePositionPatient")[2]));
            assertThat(Double.parseDouble(DicomFiles.value(list, "SliceLocation"))).isEqualTo(z.get(i));
            frames.add(DicomFiles.value(list, "FrameOfReferenceUID"));
        }
        assertThat(frames).containsOnly(frames.get(0));
        for (int i = 1; i < z.size(); i++) {
            assertThat(z.get(i) - z.get(i - 1)).isCloseTo(CtInstanceFactory.SLICE_SPACING_MM,
                    org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void labelsEveryStudyAsSynthetic() throws Exception {
        GeneratedStudy study = generator.generate(StudySpec.of(DemoTask.FUNDUS, 1, 9).withSize(32), out);

        AttributeList list = DicomFiles.read(study.files().get(0));
        assertThat(DicomFiles.value(list, "PatientName")).startsWith("SYNTHETIC^FUNDUS^");
        assertThat(DicomFiles.value(list, "PatientID")).startsWith("SYN-");
        assertThat(DicomFiles.value(list, "StudyDescription")).contains("SYNTHETIC");
        assertThat(DicomFiles.value(list, "SeriesDescription")).contains("SYNTHETIC");
        assertThat(DicomFiles.value(list, "ImageComments")).contains("SYNTHETIC");
        assertThat(DicomFiles.value(list, "BurnedInAnnotation")).isEqualTo("NO");
    }
}
