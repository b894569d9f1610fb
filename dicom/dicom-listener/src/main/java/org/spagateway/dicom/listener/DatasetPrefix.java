package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The first bytes of a data set being received, kept in memory so that its header (the attributes before Pixel Data)
 * is parsed without reading the {@code .part} file back: one open, read and close fewer per instance. A header
 * longer than what was kept (large private or functional-group sequences) is detected, never guessed: reading past
 * the kept bytes of a longer data set marks the parse as overrun, and the caller reads the file instead.
 */
final class DatasetPrefix {

    /** Enough for the header of every ordinary image; Pixel Data starts within the first KiB for most of them. */
    static final int CAPACITY = 64 * 1024;

    private final int capacity;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean truncated;

    DatasetPrefix() {
        this(CAPACITY);
    }

    DatasetPrefix(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps what fits of the next fragment of the data set. */
    void append(byte[] fragment) {
        int kept = Math.min(capacity - length, fragment.length);
        if (length + kept > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(length + kept, 2 * bytes.length)));
        }
        System.arraycopy(fragment, 0, bytes, length, kept);
        length += kept;
        truncated |= kept < fragment.length;
    }

    /** A fresh stream over the kept bytes. */
    Stream stream() {
        return new Stream();
    }

    /**
     * Reads the kept bytes. Where the data set goes on beyond them, reading or skipping past the end throws and sets
     * {@link #overrun()}: the flag is what counts, because PixelMed treats some end-of-stream conditions as the end
     * of the data set.
     */
    final class Stream extends InputStream {

        private int position;
        private boolean overrun;

        boolean overrun() {
            return overrun;
        }

        @Override
        public int read() throws IOException {
            if (position >= length) {
                return endOfKeptBytes();
            }
            return bytes[position++] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return endOfKeptBytes();
            }
            int read = Math.min(count, length - position);
            System.arraycopy(bytes, position, target, offset, read);
            position += read;
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            if (count <= 0) {
                return 0;
            }
            if (position >= length) {
                endOfKeptBytes();
                return 0;
            }
            int skipped = (int) Math.min(count, length - position);
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return length - position;
        }

        private int endOfKeptBytes() throws IOException {
            if (!truncated) {
                return -1;
            }
            overrun = true;
            throw new IOException("the header is longer than the bytes kept in memory");
        }
    }
}
