package org.spagateway.test.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DICOM test files of Debian's {@code python3-pydicom} (about 120 files from many vendors and toolkits: every
 * common transfer syntax, structured reports, RT objects, waveforms, and some deliberately broken files): real-world
 * input no project generator would think of. Tests that use them fail where the package is missing, never skip
 * ({@code scripts/setup.sh} installs it).
 */
public final class PydicomTestFiles {

    /** Where Debian 12's package puts them. */
    public static final Path FOLDER = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private PydicomTestFiles() {
    }

    /**
     * @return the folder of test files
     * @throws AssertionError when the package is not installed
     */
    public static Path require() {
        if (!Files.isDirectory(FOLDER)) {
            throw new AssertionError("pydicom's DICOM test files are missing (" + FOLDER + "): scripts/setup.sh "
                    + "installs them (Debian package python3-pydicom)");
        }
        return FOLDER;
    }
}
