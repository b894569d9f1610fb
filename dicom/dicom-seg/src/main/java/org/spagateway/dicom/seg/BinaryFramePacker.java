package org.spagateway.dicom.seg;

import java.util.List;

/**
 * Packs BINARY segmentation frames into Pixel Data with Bits Allocated 1 (PS3.5 8.1.1, PS3.3 C.8.20.2.1): pixels
 * run across frame boundaries without per-frame padding, the first pixel of each byte in its least significant
 * bit, and the whole value is padded with zero bits to an even length.
 */
final class BinaryFramePacker {

    private BinaryFramePacker() {
    }

    static byte[] pack(List<MaskGrid> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to pack");
        }
        int pixelsPerFrame = frames.get(0).pixelCount();
        long totalBits = (long) pixelsPerFrame * frames.size();
        long bytes = (totalBits + 7) / 8;
        bytes += bytes % 2;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("pixel data too large: " + totalBits + " bits");
        }
        byte[] packed = new byte[(int) bytes];
        long bit = 0;
        for (MaskGrid frame : frames) {
            if (frame.pixelCount() != pixelsPerFrame) {
                throw new IllegalArgumentException("frames differ in size");
            }
            for (int i = 0; i < pixelsPerFrame; i++, bit++) {
                if (frame.isSet(i)) {
                    packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }
        return packed;
    }
}
