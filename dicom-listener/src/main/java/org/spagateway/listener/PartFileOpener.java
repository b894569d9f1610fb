package org.spagateway.listener;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the {@code .part} file an instance is received into. The default is durable: closing forces the data to
 * the device before the file is renamed into place, so a power loss never leaves a complete-looking but truncated
 * instance. Tests inject an opener whose stream fails (e.g. "No space left on device").
 */
@FunctionalInterface
interface PartFileOpener {

    OutputStream open(Path part) throws IOException;

    /** New file, buffered, fsync on close. */
    PartFileOpener DURABLE = part -> {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream syncing = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                try {
                    flush();
                    channel.force(true);
                } finally {
                    super.close();
                }
            }
        };
        return new BufferedOutputStream(syncing, 64 * 1024);
    };
}
