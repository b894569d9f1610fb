package org.spagateway.study.generator;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.dicom.objects.Part10Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic study as DICOM Part 10 files, one file per instance named {@code <SOPInstanceUID>.dcm}.
 * Deterministic: the same spec writes byte-identical datasets under the same UIDs, so tests and benchmarks can
 * regenerate fixtures instead of storing them.
 */
public final class SyntheticStudyGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticStudyGenerator.class);

    /** Source Application Entity Title (0002,0016) of every generated file. */
    static final String SOURCE_AE_TITLE = "SPA_SYNTH";

    private final Part10Writer writer = new Part10Writer(SOURCE_AE_TITLE);

    public GeneratedStudy generate(StudySpec spec, Path outputDirectory) throws IOException {
        Files.createDirectories(outputDirectory);
        StudyContext context = StudyContext.from(spec);
        InstanceFactory factory = InstanceFactory.forTask(spec.task());
        List<Path> files = new ArrayList<>(spec.instanceCount());
        for (int index = 0; index < spec.instanceCount(); index++) {
            try {
                files.add(writer.write(factory.create(context, index), outputDirectory, context.sopInstanceUid(index)));
            } catch (DicomException e) {
                throw new IOException("cannot build instance " + index + " of the synthetic study", e);
            }
        }
        LOG.debug("Wrote synthetic {} study {}: {} instance(s) of {}x{}", spec.task(), context.studyInstanceUid(),
                files.size(), spec.size(), spec.size());
        return new GeneratedStudy(context.studyInstanceUid(), context.seriesInstanceUid(), spec.task().sopClassUid(),
                files);
    }
}
