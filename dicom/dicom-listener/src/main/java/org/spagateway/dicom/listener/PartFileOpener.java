package org.spagateway.dicom.listener;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the {@code .part} file an instance is received into. {@link #DURABLE} forces the data to the device when the
 * stream is closed, before the file is renamed into place, so a power loss never leaves a complete-looking but
 * truncated instance; {@link #PAGE_CACHE} leaves that to the kernel ({@code spa.listener.storage.fsync=false}).
 * Tests inject an opener whose stream fails (e.g. "No space left on device").
 */
@FunctionalInterface
interface PartFileOpener {

    /**
     * Writes at least this large skip the buffer: P-DATA fragments are usually tens of KiB and go to the file in one
     * write each, while small PDUs from senders that negotiate them are still coalesced.
     */
    int BUFFER_BYTES = 16 * 1024;

    OutputStream open(Path part) throws IOException;

    /** New file, buffered, fdatasync on close. */
    PartFileOpener DURABLE = part -> open(part, true);

    /** New file, buffered, no sync. */
    PartFileOpener PAGE_CACHE = part -> open(part, false);

    static PartFileOpener of(boolean fsync) {
        return fsync ? DURABLE : PAGE_CACHE;
    }

    private static OutputStream open(Path part, boolean fsync) throws IOException {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream file = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                try {
                    flush();
                    if (fsync) {
                        // fdatasync(2) also flushes the metadata needed to read the data back (size, block map),
                        // which is all a new file needs; the directory entry is synced after the rename.
                        channel.force(false);
                    }
                } finally {
                    super.close();
                }
            }
        };
        return new BufferedOutputStream(file, BUFFER_BYTES);
    }
}
