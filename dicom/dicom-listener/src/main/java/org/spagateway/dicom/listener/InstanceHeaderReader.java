package org.spagateway.dicom.listener;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the attributes of a Part 10 file up to Pixel Data (7FE0,0010) with PixelMed, so pixel data is never loaded.
 * Tags are built by number: Debian's PixelMed dictionary lacks some names.
 */
final class InstanceHeaderReader {

    private static final AttributeTag TRANSFER_SYNTAX_UID = new AttributeTag(0x0002, 0x0010);
    private static final AttributeTag SOURCE_AE_TITLE = new AttributeTag(0x0002, 0x0016);
    private static final AttributeTag SOP_CLASS_UID = new AttributeTag(0x0008, 0x0016);
    private static final AttributeTag SOP_INSTANCE_UID = new AttributeTag(0x0008, 0x0018);
    private static final AttributeTag MODALITY = new AttributeTag(0x0008, 0x0060);
    private static final AttributeTag BODY_PART_EXAMINED = new AttributeTag(0x0018, 0x0015);
    private static final AttributeTag STUDY_INSTANCE_UID = new AttributeTag(0x0020, 0x000D);
    private static final AttributeTag SERIES_INSTANCE_UID = new AttributeTag(0x0020, 0x000E);
    private static final AttributeTag IMAGES_IN_ACQUISITION = new AttributeTag(0x0020, 0x1002);
    private static final AttributeTag NUMBER_OF_STUDY_RELATED_INSTANCES = new AttributeTag(0x0020, 0x1208);
    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

    /**
     * @throws IOException when the file cannot be read or is not a DICOM data set
     */
    InstanceHeader read(Path file) throws IOException {
        AttributeList list = new AttributeList();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DicomInputStream in = new DicomInputStream(raw)) {
            list.read(in, PIXEL_DATA);
        } catch (DicomException | RuntimeException e) {
            throw new IOException("not a readable DICOM data set: " + e.getClass().getSimpleName(), e);
        }
        return header(list, text(list, TRANSFER_SYNTAX_UID), text(list, SOURCE_AE_TITLE));
    }

    /**
     * The header of a data set being received, from the bytes kept in memory ({@code transferSyntaxUid} and
     * {@code sourceAeTitle} are what the File Meta Information of its file says). Empty when those bytes end before
     * Pixel Data or cannot be parsed: the caller then reads the file, which decides.
     */
    Optional<InstanceHeader> read(DatasetPrefix prefix, String transferSyntaxUid, String sourceAeTitle) {
        AttributeList list = new AttributeList();
        DatasetPrefix.Stream bytes = prefix.stream();
        try (DicomInputStream in = new DicomInputStream(bytes, transferSyntaxUid, false)) {
            list.read(in, PIXEL_DATA);
        } catch (DicomException | IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (bytes.overrun()) {
            return Optional.empty();
        }
        return Optional.of(header(list, transferSyntaxUid, sourceAeTitle));
    }

    private static InstanceHeader header(AttributeList list, String transferSyntaxUid, String sourceAeTitle) {
        return new InstanceHeader(text(list, SOP_CLASS_UID), text(list, SOP_INSTANCE_UID),
                text(list, STUDY_INSTANCE_UID), text(list, SERIES_INSTANCE_UID), transferSyntaxUid, sourceAeTitle,
                text(list, MODALITY), text(list, BODY_PART_EXAMINED),
                integer(list, NUMBER_OF_STUDY_RELATED_INSTANCES), integer(list, IMAGES_IN_ACQUISITION));
    }

    private static String text(AttributeList list, AttributeTag tag) {
        String value = Attribute.getSingleStringValueOrNull(list, tag);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static OptionalInt integer(AttributeList list, AttributeTag tag) {
        if (list.get(tag) == null) {
            return OptionalInt.empty();
        }
        int value = Attribute.getSingleIntegerValueOrDefault(list, tag, -1);
        return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    }
}
