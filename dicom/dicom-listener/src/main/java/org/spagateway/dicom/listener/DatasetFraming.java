package org.spagateway.dicom.listener;

import static org.spagateway.dicom.listener.DataElementEncoding.ITEM;
import static org.spagateway.dicom.listener.DataElementEncoding.ITEM_DELIMITER;
import static org.spagateway.dicom.listener.DataElementEncoding.LONG_LENGTH_VRS;
import static org.spagateway.dicom.listener.DataElementEncoding.SEQUENCE_DELIMITER;
import static org.spagateway.dicom.listener.DataElementEncoding.UNDEFINED_LENGTH;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Follows the element structure of a data set as its fragments are written (PS3.5 7.1, 7.5), to tell at the end
 * whether it ended where its structure does: after a whole top-level element, with every undefined-length sequence
 * and item closed by its delimiter, and no value longer than the bytes that came. A data set cut short, or one
 * declaring an element longer than itself (a 2 GB Pixel Data), is thereby refused with 0xC000 even when everything
 * the {@link DatasetHeaderScanner} reads lies before the damage; such a file used to be stored and announced, and
 * failed only in the worker that read its pixels (issue 13).
 *
 * <p>Values are skipped by count, never buffered: the cost is one element header at a time, whatever the sender
 * declares. In Explicit VR the length of a fixed-size binary VR must be a multiple of its size (PS3.5 Table 6.2-1): a
 * US of 3 bytes cannot be decoded. String lengths are not checked for evenness (PS3.5 7.1.1): toolkits read odd
 * lengths, and refusing them would lose images. Unlike the scanner, this is fed pushed fragments and never stops
 * early; Little Endian only, like every transfer syntax the listener accepts.
 */
final class DatasetFraming {

    /** Bytes per value of the binary VRs (PS3.5 Table 6.2-1). */
    private static final Map<String, Integer> VALUE_SIZES = Map.ofEntries(Map.entry("US", 2), Map.entry("SS", 2),
            Map.entry("UL", 4), Map.entry("SL", 4), Map.entry("FL", 4), Map.entry("AT", 4), Map.entry("FD", 8),
            Map.entry("SV", 8), Map.entry("UV", 8), Map.entry("OW", 2), Map.entry("OF", 4), Map.entry("OL", 4),
            Map.entry("OD", 8), Map.entry("OV", 8));

    /**
     * A level of nesting being walked: the elements of the data set or of an undefined-length item, or the items of an
     * undefined-length element.
     */
    private record Level(boolean items, boolean explicitVr) {
    }

    private final Deque<Level> levels = new ArrayDeque<>();
    private final byte[] header = new byte[12];
    private int headerFilled;
    private long toSkip;
    private String broken;

    /** @param explicitVr Explicit VR Little Endian, else Implicit VR Little Endian */
    DatasetFraming(boolean explicitVr) {
        levels.push(new Level(false, explicitVr));
    }

    /** Follows the next bytes of the data set. */
    void accept(byte[] fragment) {
        int at = 0;
        while (at < fragment.length && broken == null) {
            if (toSkip > 0) {
                int skipped = (int) Math.min(toSkip, fragment.length - at);
                toSkip -= skipped;
                at += skipped;
            } else {
                header[headerFilled++] = fragment[at++];
                if (headerFilled == headerLength()) {
                    onHeader();
                    headerFilled = 0;
                }
            }
        }
    }

    /** Null when the bytes so far form a whole data set; else what is wrong with them. */
    String problem() {
        if (broken != null) {
            return broken;
        }
        if (headerFilled > 0) {
            return "data set ends inside an element header";
        }
        if (toSkip > 0) {
            return "data set ends " + toSkip + " bytes before the end of an element it declares";
        }
        if (levels.size() > 1) {
            return "data set ends inside an undefined-length sequence or item";
        }
        return null;
    }

    private int headerLength() {
        if (headerFilled < 8) {
            return 8;
        }
        Level level = levels.peek();
        if (level.items() || !level.explicitVr() || group() == 0xFFFE) {
            return 8;
        }
        return LONG_LENGTH_VRS.contains(vr()) ? 12 : 8;
    }

    private void onHeader() {
        Level level = levels.peek();
        int tag = group() << 16 | uint16(2);
        boolean explicitHeader = !level.items() && level.explicitVr() && group() != 0xFFFE;
        String vr = explicitHeader ? vr() : null;
        long length = !explicitHeader ? uint32(4) : headerFilled == 12 ? uint32(8) : uint16(6);
        if (level.items()) {
            onItem(tag, length, level);
        } else if (tag == ITEM_DELIMITER && levels.size() > 1) {
            levels.pop();
            toSkip = length;
        } else if (group() == 0xFFFE) {
            broken = String.format("item tag %08X among elements", tag);
        } else if (length == UNDEFINED_LENGTH) {
            enter(new Level(true, level.explicitVr() && !"UN".equals(vr)));
        } else if (vr != null && VALUE_SIZES.containsKey(vr) && length % VALUE_SIZES.get(vr) != 0) {
            broken = String.format("element %08X: %s value of %d bytes", tag, vr, length);
        } else {
            toSkip = length;
        }
    }

    private void onItem(int tag, long length, Level level) {
        if (tag == SEQUENCE_DELIMITER) {
            levels.pop();
            toSkip = length;
        } else if (tag != ITEM) {
            broken = String.format("element %08X where an item was expected", tag);
        } else if (length == UNDEFINED_LENGTH) {
            enter(new Level(false, level.explicitVr()));
        } else {
            toSkip = length;
        }
    }

    private void enter(Level level) {
        if (levels.size() > DatasetHeaderScanner.MAX_DEPTH) {
            broken = "sequences nested more than " + DatasetHeaderScanner.MAX_DEPTH + " deep";
            return;
        }
        levels.push(level);
    }

    private int group() {
        return uint16(0);
    }

    private String vr() {
        return new String(header, 4, 2, StandardCharsets.US_ASCII);
    }

    private int uint16(int at) {
        return (header[at] & 0xff) | (header[at + 1] & 0xff) << 8;
    }

    private long uint32(int at) {
        return (header[at] & 0xffL) | (header[at + 1] & 0xffL) << 8 | (header[at + 2] & 0xffL) << 16
                | (header[at + 3] & 0xffL) << 24;
    }
}
