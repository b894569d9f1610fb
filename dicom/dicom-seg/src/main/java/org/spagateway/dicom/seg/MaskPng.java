package org.spagateway.dicom.seg;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.BitSet;
import javax.imageio.ImageIO;

/**
 * A binary mask as a 1-bit PNG, a few hundred bytes: opaque white where the mask is set, transparent elsewhere, so the
 * same bytes are an overlay a browser can tint (the candidate picker) and a compact store of a mask (a round's
 * recommended mask in the session ledger). {@link #decode} reads back any PNG whose first band is non-zero where set.
 */
public final class MaskPng {

    private static final byte[] OFF_ON = {0, (byte) 0xFF};
    private static final IndexColorModel TRANSPARENT_WHITE = new IndexColorModel(1, 2, OFF_ON, OFF_ON, OFF_ON, OFF_ON);

    private MaskPng() {
    }

    public static byte[] encode(MaskGrid mask) {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_BINARY,
                TRANSPARENT_WHITE);
        WritableRaster raster = image.getRaster();
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            raster.setSample(i % mask.width(), i / mask.width(), 0, 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    /** @throws IOException the bytes are not a PNG (or not an image ImageIO reads) */
    public static MaskGrid decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not a PNG");
        }
        int width = image.getWidth();
        BitSet bits = new BitSet();
        Raster raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                if (raster.getSample(x, y, 0) != 0) {
                    bits.set(y * width + x);
                }
            }
        }
        return new MaskGrid(width, image.getHeight(), bits);
    }
}
