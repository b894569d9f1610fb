package org.spagateway.study.generator;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line: writes one synthetic study and prints the path of every file written, one per line. */
@Command(name = "generate-study", mixinStandardHelpOptions = true,
        description = "Writes a SYNTHETIC DICOM study (fundus photograph or chest CT with a nodule).")
public final class GenerateStudyCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "fundus or ct")
    private DemoTask task;

    @Option(names = "--instances", defaultValue = "1", description = "Number of instances (CT: slices). Default ${DEFAULT-VALUE}.")
    private int instances;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for UIDs and pixels. Default ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    private Path out;

    @Option(names = "--study-uid", description = "Force this Study Instance UID (add instances to an existing study).")
    private String studyUid;

    @Option(names = "--no-study-size", description = "Omit Number of Study Related Instances (0020,1208).")
    private boolean noStudySize;

    @Option(names = "--size", description = "Rows and columns (square). Default 512.")
    private Integer size;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser as {@link #main} configures it: task names are accepted in any case ({@code ct}, {@code CT}). */
    static CommandLine commandLine() {
        return new CommandLine(new GenerateStudyCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        StudySpec spec = new StudySpec(task, instances, !noStudySize, seed, Optional.ofNullable(studyUid),
                size == null ? task.defaultSize() : size);
        GeneratedStudy study = new SyntheticStudyGenerator().generate(spec, out);
        study.files().forEach(file -> System.out.println(file));
        return 0;
    }
}
