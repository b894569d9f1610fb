package org.spagateway.reporting.api;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.spagateway.dicom.objects.DisplayableSource;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.MaskPng;

/**
 * Renders DICOM pixels as PNG for the candidate picker, on the source grid (one PNG pixel per DICOM pixel; the page
 * scales). Greyscale: the instance's VOI window with the linear function of PS3.3 C.11.2.1.2.1, or, when it has
 * none, the full range of its values; MONOCHROME1 inverted so the minimum is white. Colour (OP): the RGB values as
 * stored. A segment: a two-entry palette PNG, opaque white where the mask is set and transparent elsewhere, which the
 * page tints and outlines.
 */
final class PickerImageRenderer {

    byte[] source(DisplayableSource source) {
        SourcePixels pixels = source.pixels();
        int width = pixels.columns();
        int height = pixels.rows();
        BufferedImage image;
        if (pixels.channels() == 3) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int row = 0; row < height; row++) {
                for (int column = 0; column < width; column++) {
                    int r = unit(pixels.value(0, column, row));
                    int g = unit(pixels.value(1, column, row));
                    int b = unit(pixels.value(2, column, row));
                    image.setRGB(column, row, (r << 16) | (g << 8) | b);
                }
            }
        } else {
            DisplayableSource.VoiWindow window = source.window().orElseGet(() -> fullRange(pixels));
            image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            for (int row = 0; row < height; row++) {
                for (int column = 0; column < width; column++) {
                    int grey = windowed(pixels.value(0, column, row), window);
                    raster.setSample(column, row, 0, source.inverted() ? 255 - grey : grey);
                }
            }
        }
        return png(image);
    }

    byte[] mask(MaskGrid mask) {
        return MaskPng.encode(mask);
    }

    /** PS3.3 C.11.2.1.2.1, the LINEAR VOI LUT function, to 0..255. */
    static int windowed(double value, DisplayableSource.VoiWindow window) {
        double c = window.center();
        double w = window.width();
        if (value <= c - 0.5 - (w - 1) / 2) {
            return 0;
        }
        if (value > c - 0.5 + (w - 1) / 2) {
            return 255;
        }
        if (w <= 1) {
            return 255;
        }
        return (int) Math.round(((value - (c - 0.5)) / (w - 1) + 0.5) * 255);
    }

    /** A window spanning every value of the image: nothing clipped, for an instance that recommends none. */
    private static DisplayableSource.VoiWindow fullRange(SourcePixels pixels) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : pixels.values()) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double width = Math.max(1, max - min + 1);
        return new DisplayableSource.VoiWindow(min + width / 2, width);
    }

    private static int unit(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
