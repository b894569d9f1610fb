package org.spagateway.dicom.listener;

/**
 * Limits on a DIMSE command set (PS3.7 6.3, E.1: group 0000, Implicit VR Little Endian, always) checked before PixelMed
 * parses it, because PixelMed allocates each element's declared length before reading the value.
 */
final class CommandSetBounds {

    /**
     * Far above any real command set (a C-STORE-RQ is a few hundred bytes; the longest elements are UIDs and AE
     * titles); it bounds what a peer that never sends the last command fragment can make the listener hold.
     */
    static final int MAX_LENGTH = 64 * 1024;

    private static final int ELEMENT_HEADER = 8;

    private CommandSetBounds() {
    }

    /**
     * Walks the elements of a whole command set: each tag and 32-bit length, then the value skipped.
     *
     * @return null when every declared length ends inside the command set and the last one ends with it, else what
     *         is wrong
     */
    static String check(byte[] command) {
        int offset = 0;
        while (offset < command.length) {
            if (command.length - offset < ELEMENT_HEADER) {
                return "command set ends inside an element header";
            }
            long length = (command[offset + 4] & 0xffL) | (command[offset + 5] & 0xff) << 8
                    | (command[offset + 6] & 0xff) << 16 | (command[offset + 7] & 0xffL) << 24;
            long left = command.length - offset - ELEMENT_HEADER;
            if (length > left) {
                int group = (command[offset] & 0xff) | (command[offset + 1] & 0xff) << 8;
                int element = (command[offset + 2] & 0xff) | (command[offset + 3] & 0xff) << 8;
                return String.format("command element (%04X,%04X) declares %d bytes, %d left", group, element, length,
                        left);
            }
            offset += ELEMENT_HEADER + (int) length;
        }
        return null;
    }
}
