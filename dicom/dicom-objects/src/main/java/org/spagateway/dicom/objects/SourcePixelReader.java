package org.spagateway.dicom.objects;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the pixels of a single-frame source image with PixelMed: 8-bit RGB (OP photographs, colour by pixel or by
 * plane, PS3.3 C.7.6.3.1.3) or 16-bit monochrome with a modality rescale (CT). Compressed pixel data is decoded on
 * reading: RLE by PixelMed, JPEG Baseline by the JDK, JPEG Lossless by PixelMed's codec and JPEG 2000 by JJ2000
 * (jai-imageio-jpeg2000), when they are on the class path; a JPEG whose colours were stored as YBR_FULL(_422) comes
 * out as RGB. A valid image in a form this reader cannot handle is a {@link SourceUnsupportedException}; anything
 * else wrong is a {@link SourceImageException}: either is a property of the file that no retry changes. Messages
 * never name the file (its path holds the study's UIDs) and go into logs and dead-letter reasons as they are.
 */
public final class SourcePixelReader {

    /** Implicit and Explicit VR Little Endian, Explicit VR Big Endian, Deflated Explicit VR Little Endian. */
    private static final Set<String> NATIVE_SYNTAXES = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99");

    public SourcePixels read(Path file) throws IOException, SourceImageException {
        if (!Files.isReadable(file)) {
            throw new NoSuchFileException(file.toString(), null, "source image missing or unreadable");
        }
        AttributeList list = new AttributeList();
        try {
            list.read(file.toFile());
            list.correctDecompressedImagePixelModule();
        } catch (DicomException | IOException e) {
            String syntax = transferSyntaxOf(file);
            if (isEncapsulated(syntax)) {
                throw new SourceUnsupportedException("the source image: no decoder here for transfer syntax "
                        + syntax, e);
            }
            throw new SourceImageException("the source image is not a readable DICOM file", e);
        }
        try {
            return decode(list, "the source image");
        } catch (DicomException e) {
            throw new SourceImageException("cannot decode the pixel data of the source image", e);
        }
    }

    /**
     * Reads a source image from a stream (a Part 10 file fetched from storage or over HTTP) with its display
     * attributes, for viewers: the same decoding as {@link #read(Path)}.
     *
     * @param in the Part 10 bytes; not closed. Read whole before parsing, so that a failure of the stream (worth a
     *           retry) is told apart from bytes that are not DICOM (permanent)
     * @throws IOException          the stream failed
     * @throws SourceImageException the bytes are not an image this reader decodes (permanent)
     */
    public DisplayableSource readDisplayable(InputStream in) throws IOException, SourceImageException {
        byte[] bytes = in.readAllBytes();
        AttributeList list = new AttributeList();
        try {
            list.read(new DicomInputStream(new ByteArrayInputStream(bytes)));
            list.correctDecompressedImagePixelModule();
        } catch (DicomException | IOException e) {
            throw new SourceImageException("the source image is not a readable DICOM object", e);
        }
        SourcePixels pixels;
        try {
            pixels = decode(list, "the source image");
        } catch (DicomException e) {
            throw new SourceImageException("cannot decode the pixel data of the source image", e);
        }
        double[] centers = doubles(list, TagFromName.WindowCenter);
        double[] widths = doubles(list, TagFromName.WindowWidth);
        Optional<DisplayableSource.VoiWindow> window = centers.length > 0 && widths.length > 0 && widths[0] >= 1
                ? Optional.of(new DisplayableSource.VoiWindow(centers[0], widths[0])) : Optional.empty();
        boolean inverted = "MONOCHROME1".equals(
                Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation));
        return new DisplayableSource(pixels, window, inverted);
    }

    private static double[] doubles(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        try {
            double[] values = Attribute.getDoubleValues(list, tag);
            return values == null ? new double[0] : values;
        } catch (NumberFormatException e) {
            return new double[0];
        }
    }

    private static SourcePixels decode(AttributeList list, String name) throws DicomException, SourceImageException {
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 0);
        int frames = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1);
        Attribute pixelData = list.get(TagFromName.PixelData);
        if (rows < 1 || columns < 1 || pixelData == null) {
            throw new SourceImageException("no pixel data in " + name);
        }
        if (frames != 1) {
            throw new SourceUnsupportedException(name + " has " + frames
                    + " frames; only single-frame sources are supported");
        }
        int pixels = rows * columns;
        if (samples == 3 && bits == 8) {
            String photometric = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation);
            if (!"RGB".equals(photometric)) {
                throw new SourceUnsupportedException(name + ": colour images must be RGB, not " + photometric);
            }
            boolean byPlane = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0) == 1;
            byte[] bytes = pixelData.getByteValues();
            requireLength(bytes.length, pixels * 3, name);
            float[] values = new float[pixels * 3];
            for (int i = 0; i < pixels; i++) {
                for (int c = 0; c < 3; c++) {
                    int stored = bytes[byPlane ? c * pixels + i : i * 3 + c] & 0xFF;
                    values[c * pixels + i] = stored / 255f;
                }
            }
            return new SourcePixels(columns, rows, 3, 0, values);
        }
        if (samples == 1 && bits == 16) {
            boolean signed = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1;
            double slope = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleSlope, 1.0);
            double intercept = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0.0);
            short[] stored = pixelData.getShortValues();
            requireLength(stored.length, pixels, name);
            float[] values = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                int raw = signed ? stored[i] : stored[i] & 0xFFFF;
                values[i] = (float) (raw * slope + intercept);
            }
            double[] spacing = Attribute.getDoubleValues(list, TagFromName.PixelSpacing);
            return new SourcePixels(columns, rows, 1, spacing == null || spacing.length == 0 ? 0 : spacing[0], values);
        }
        throw new SourceUnsupportedException(name + ": unsupported pixel format (" + samples + " samples, " + bits
                + " bits allocated)");
    }

    /** The file's Transfer Syntax UID from its meta information, empty when that cannot be read. */
    private static String transferSyntaxOf(Path file) {
        AttributeList meta = new AttributeList();
        try {
            meta.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException | IOException e) {
            return "";
        }
        return Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.TransferSyntaxUID);
    }

    /** PS3.5 A.4: every syntax that encapsulates (compresses) pixel data; the others are native. */
    private static boolean isEncapsulated(String transferSyntaxUid) {
        return !transferSyntaxUid.isEmpty() && !NATIVE_SYNTAXES.contains(transferSyntaxUid);
    }

    private static void requireLength(int actual, int expected, String name) throws SourceImageException {
        if (actual < expected) {
            throw new SourceImageException(name + ": pixel data holds " + actual + " values, expected " + expected);
        }
    }
}
