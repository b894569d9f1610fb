package org.spagateway.test.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The data set bytes of a DICOM Part 10 file, without its preamble and File Meta Information (PS3.10 7.1). A
 * receiver writes its own meta header, so "stored as sent" means: these bytes are identical.
 */
public final class Part10Dataset {

    private static final int PREAMBLE_AND_MAGIC = 132;

    private Part10Dataset() {
    }

    /** Requires the meta group to start with its group length (0002,0000), as PS3.10 mandates. */
    public static byte[] of(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < PREAMBLE_AND_MAGIC + 12 || buffer.getInt(PREAMBLE_AND_MAGIC) != 0x0000_0002) {
            throw new IOException(file + " has no File Meta Information Group Length");
        }
        int metaLength = buffer.getInt(PREAMBLE_AND_MAGIC + 8);
        return Arrays.copyOfRange(bytes, PREAMBLE_AND_MAGIC + 12 + metaLength, bytes.length);
    }
}
