package org.spagateway.dicom.listener;

import static org.spagateway.dicom.listener.DataElementEncoding.ITEM;
import static org.spagateway.dicom.listener.DataElementEncoding.ITEM_DELIMITER;
import static org.spagateway.dicom.listener.DataElementEncoding.LONG_LENGTH_VRS;
import static org.spagateway.dicom.listener.DataElementEncoding.SEQUENCE_DELIMITER;
import static org.spagateway.dicom.listener.DataElementEncoding.UNDEFINED_LENGTH;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a few top-level attributes of a data set (PS3.5 7.1) without allocating anything whose size the sender
 * declares: every other value is skipped, never read into memory. PixelMed's {@code AttributeList} allocates each
 * element's declared length before reading it, so a data set declaring a 2 GB element before Pixel Data cost 2 GB
 * of heap per attempt (issue 13); here it costs a skip, and on a shorter data set an {@link EOFException}.
 *
 * <p>Top-level elements come in ascending tag order (PS3.5 7.1), so scanning stops at the first tag past the last one
 * wanted, which for the listener is always before Pixel Data. Elements of undefined length (sequences, encapsulated
 * values, PS3.5 7.5 and A.4) are walked item by item to their delimiter, at most {@link #MAX_DEPTH} levels deep; the
 * contents of an undefined-length UN element are Implicit VR Little Endian (PS3.5 6.2.2). Wanted values longer than
 * {@link #MAX_VALUE_LENGTH} are skipped as if absent. Little Endian, not deflated, only: every transfer syntax the
 * listener accepts encodes its data set so.
 */
final class DatasetHeaderScanner {

    /** The longest wanted value read: a UID is at most 64 bytes, a CS 16, an IS 12 (PS3.5 6.2). */
    static final int MAX_VALUE_LENGTH = 1024;
    /** Nesting deeper than any real data set; bounds the recursion a hostile one could ask for. */
    static final int MAX_DEPTH = 32;


    private final InputStream in;
    private final boolean explicitVr;

    /**
     * @param in         positioned at the first element of the data set
     * @param explicitVr Explicit VR Little Endian, else Implicit VR Little Endian
     */
    DatasetHeaderScanner(InputStream in, boolean explicitVr) {
        this.in = in;
        this.explicitVr = explicitVr;
    }

    /**
     * Reads top-level elements up to the first tag after {@code lastWanted}, or the end of the data set.
     *
     * @param wanted tags ({@code group << 16 | element}) whose values to return
     * @return the first value (before any backslash) of each wanted element found, trimmed of padding
     * @throws IOException when the data set ends inside an element or is not structured as declared
     */
    Map<Integer, String> scan(Set<Integer> wanted, int lastWanted) throws IOException {
        Map<Integer, String> values = new HashMap<>();
        while (true) {
            Header header = header(explicitVr, true);
            if (header == null || Integer.compareUnsigned(header.tag, lastWanted) > 0) {
                return values;
            }
            if (header.length == UNDEFINED_LENGTH) {
                skipItems(header.undefinedContentExplicit(explicitVr), 1);
            } else if (wanted.contains(header.tag) && header.length <= MAX_VALUE_LENGTH) {
                values.put(header.tag, text(in.readNBytes((int) header.length), header.length));
            } else {
                in.skipNBytes(header.length);
            }
        }
    }

    /** The contents of an undefined-length element: items until the Sequence Delimitation Item. */
    private void skipItems(boolean explicit, int depth) throws IOException {
        checkDepth(depth);
        while (true) {
            Header header = header(explicit, false);
            if (header.tag == SEQUENCE_DELIMITER) {
                in.skipNBytes(header.length);
                return;
            }
            if (header.tag != ITEM) {
                throw new IOException(String.format("element %08X where an item was expected", header.tag));
            }
            if (header.length == UNDEFINED_LENGTH) {
                skipElements(explicit, depth + 1);
            } else {
                in.skipNBytes(header.length);
            }
        }
    }

    /** The contents of an undefined-length item: elements until the Item Delimitation Item. */
    private void skipElements(boolean explicit, int depth) throws IOException {
        checkDepth(depth);
        while (true) {
            Header header = header(explicit, false);
            if (header.tag == ITEM_DELIMITER) {
                in.skipNBytes(header.length);
                return;
            }
            if (header.length == UNDEFINED_LENGTH) {
                skipItems(header.undefinedContentExplicit(explicit), depth + 1);
            } else {
                in.skipNBytes(header.length);
            }
        }
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("sequences nested more than " + MAX_DEPTH + " deep");
        }
    }

    /**
     * @param endOk whether the data set may end here (between top-level elements)
     * @return null at the end of the data set
     */
    private Header header(boolean explicit, boolean endOk) throws IOException {
        int first = in.read();
        if (first < 0) {
            if (endOk) {
                return null;
            }
            throw new EOFException("data set ends inside a sequence");
        }
        byte[] rest = in.readNBytes(7);
        if (rest.length < 7) {
            throw new EOFException("data set ends inside an element header");
        }
        int group = first | (rest[0] & 0xff) << 8;
        int element = (rest[1] & 0xff) | (rest[2] & 0xff) << 8;
        int tag = group << 16 | element;
        if (group == 0xFFFE || !explicit) {
            return new Header(tag, null, uint32(rest, 3));
        }
        String vr = new String(rest, 3, 2, StandardCharsets.US_ASCII);
        if (LONG_LENGTH_VRS.contains(vr)) {
            byte[] length = in.readNBytes(4);
            if (length.length < 4) {
                throw new EOFException("data set ends inside an element header");
            }
            return new Header(tag, vr, uint32(length, 0));
        }
        return new Header(tag, vr, (rest[5] & 0xff) | (rest[6] & 0xff) << 8);
    }

    private static long uint32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xffL) | (bytes[offset + 1] & 0xffL) << 8 | (bytes[offset + 2] & 0xffL) << 16
                | (bytes[offset + 3] & 0xffL) << 24;
    }

    private static String text(byte[] value, long declared) throws EOFException {
        if (value.length < declared) {
            throw new EOFException("data set ends inside a value");
        }
        String text = new String(value, StandardCharsets.US_ASCII);
        int backslash = text.indexOf('\\');
        if (backslash >= 0) {
            text = text.substring(0, backslash);
        }
        return text.replace('\0', ' ').trim();
    }

    private record Header(int tag, String vr, long length) {
        /** Undefined-length UN holds Implicit VR Little Endian (PS3.5 6.2.2); everything else keeps the syntax. */
        boolean undefinedContentExplicit(boolean explicit) {
            return explicit && !"UN".equals(vr);
        }
    }
}
