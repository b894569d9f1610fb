package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.test.harness.Dcentvfy;
import org.spagateway.test.harness.Dciodvfy;

/**
 * The SEGs of both tasks checked by dicom3tools: {@code dciodvfy} (IOD conformance, no errors) and {@code dcentvfy}
 * (the SEG agrees with its source on patient, study and frame of reference). They are written under
 * {@code target/seg-samples/} so a person can open them in a viewer after the build. Both tools come with
 * {@code scripts/setup.sh}; where one is missing the tests fail, naming it.
 */
class SegmentationConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationConformanceTest.class);
    private static final Path SAMPLES = Path.of("target", "seg-samples");

    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());
    private final Dciodvfy dciodvfy = new Dciodvfy().requireInstalled();

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void roundSegPassesDciodvfyWithoutErrors(DemoTask task) throws Exception {
        Path directory = SAMPLES.resolve(task.name().toLowerCase() + "-round");
        Path source = SegFixtures.source(task, 256, directory.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(task, 256, 2, true), source, directory);

        Dciodvfy.ValidationReport report = dciodvfy.validate(seg.file());

        LOG.info("dciodvfy on the {} round SEG:\n{}", task, report.output());
        assertThat(report.errors()).as(report.output()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void approvedSegPassesDciodvfyWithoutErrors(DemoTask task) throws Exception {
        Path directory = SAMPLES.resolve(task.name().toLowerCase() + "-approved");
        Path source = SegFixtures.source(task, 256, directory.resolve("source"));
        WrittenSegmentation seg = writer.writeFinal(approved(task, 256), source, directory);

        Dciodvfy.ValidationReport report = dciodvfy.validate(seg.file());

        LOG.info("dciodvfy on the {} approved SEG:\n{}", task, report.output());
        assertThat(report.errors()).as(report.output()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void segWithFramesThatAreNotByteAlignedPassesDciodvfy(DemoTask task) throws Exception {
        Path directory = SAMPLES.resolve(task.name().toLowerCase() + "-37");
        Path source = SegFixtures.source(task, 37, directory.resolve("source"));
        WrittenSegmentation seg = writer.write(SegFixtures.round(task, 37, 1, false), source, directory);

        Dciodvfy.ValidationReport report = dciodvfy.validate(seg.file());

        assertThat(report.errors()).as(report.output()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DemoTask.class)
    void dcentvfyFindsSegConsistentWithItsSource(DemoTask task) throws Exception {
        Dcentvfy.requireInstalled();
        Path directory = SAMPLES.resolve(task.name().toLowerCase() + "-round");
        Path source = SegFixtures.source(task, 256, directory.resolve("source"));
        WrittenSegmentation round = writer.write(SegFixtures.round(task, 256, 2, true), source, directory);
        WrittenSegmentation approved = writer.writeFinal(approved(task, 256), source, directory);

        Dcentvfy.Result result = Dcentvfy.run(source, round.file(), approved.file());

        LOG.info("dcentvfy on the {} source and its SEGs (exit {}):\n{}", task, result.exitCode(), result.output());
        assertThat(result.lines()).as(result.output()).noneMatch(line -> line.startsWith("Error"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    static ApprovedSegmentation approved(DemoTask task, int size) {
        return new ApprovedSegmentation("session-7f3a", 2, SegFixtures.MODEL, SegFixtures.spaTask(task),
                "candidate 2 of round 2", SegFixtures.disc(size, size / 2.0, size / 2.0, size / 7.0),
                new ClinicianIdentity("practitioner-0042", "Rivera^Ana^^Dr"),
                Instant.parse("2025-03-14T09:41:07Z"));
    }
}
