package org.spagateway.dicom.listener;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync(2) of a directory, which Java has no direct call for: open it read-only and force the channel. */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Makes the entries of {@code directory} (files renamed or folders created in it) survive a power loss. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
