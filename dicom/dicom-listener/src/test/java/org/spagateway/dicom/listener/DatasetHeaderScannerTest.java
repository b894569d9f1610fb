package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The listener's own reading of the few attributes it needs: declared lengths are skipped, never allocated. */
class DatasetHeaderScannerTest {

    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int COUNT = 0x00201208;
    private static final Set<Integer> WANTED = Set.of(SOP_INSTANCE_UID, STUDY_INSTANCE_UID, COUNT);

    @Test
    void readsTheWantedValuesOfAnExplicitVrDataSetWrittenByPixelMed() throws IOException {
        byte[] dataset = TestDatasets.datasetWithSizes("1.2.3.4", "1.2.3", "1.2.3.1", 100, 1000);

        Map<Integer, String> values = scan(dataset, true);

        assertThat(values).containsEntry(SOP_INSTANCE_UID, "1.2.3.4").containsEntry(STUDY_INSTANCE_UID, "1.2.3")
                .containsEntry(COUNT, "3");
    }

    @Test
    void skipsADeclaredTwoGigabyteValueAndReportsTheDataSetShort() {
        byte[] dataset = concat(explicitLong(0x0009, 0x1010, "OB", 0x7FFFFFF0L), new byte[16]);

        assertThatThrownBy(() -> scan(dataset, true)).isInstanceOf(EOFException.class);
    }

    @Test
    void walksUndefinedLengthSequencesToTheirDelimiter() throws IOException {
        byte[] item = concat(implicit(0x0008, 0x1150, ascii("1.2.840.10008.5.1.4.1.1.2")),
                tagAndLength(0xFFFE, 0xE00D, 0));
        byte[] dataset = concat(implicit(0x0008, 0x0018, ascii("1.2.3.4")),
                tagAndLength(0x0008, 0x1140, 0xFFFFFFFFL), tagAndLength(0xFFFE, 0xE000, 0xFFFFFFFFL), item,
                tagAndLength(0xFFFE, 0xE0DD, 0), implicit(0x0020, 0x000D, ascii("1.2.3")));

        assertThat(scan(dataset, false)).containsEntry(STUDY_INSTANCE_UID, "1.2.3");
    }

    @Test
    void refusesSequencesNestedBeyondTheLimit() {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        for (int depth = 0; depth < 100; depth++) {
            nested.writeBytes(tagAndLength(0x0008, 0x1140, 0xFFFFFFFFL));
            nested.writeBytes(tagAndLength(0xFFFE, 0xE000, 0xFFFFFFFFL));
        }

        assertThatThrownBy(() -> scan(nested.toByteArray(), false)).isInstanceOf(IOException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void stopsAfterTheLastWantedTagWithoutReadingFurther() throws IOException {
        byte[] dataset = concat(implicit(0x0020, 0x1208, ascii("12")), tagAndLength(0x7FE0, 0x0010, 0x7FFFFFF0L));

        assertThat(scan(dataset, false)).containsEntry(COUNT, "12");
    }

    private static Map<Integer, String> scan(byte[] dataset, boolean explicit) throws IOException {
        return new DatasetHeaderScanner(new ByteArrayInputStream(dataset), explicit).scan(WANTED, COUNT);
    }

    private static byte[] implicit(int group, int element, byte[] value) {
        return concat(tagAndLength(group, element, value.length), value);
    }

    private static byte[] tagAndLength(int group, int element, long length) {
        return new byte[] {(byte) group, (byte) (group >>> 8), (byte) element, (byte) (element >>> 8),
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    private static byte[] explicitLong(int group, int element, String vr, long length) {
        return new byte[] {(byte) group, (byte) (group >>> 8), (byte) element, (byte) (element >>> 8),
            (byte) vr.charAt(0), (byte) vr.charAt(1), 0, 0,
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    private static byte[] ascii(String text) {
        String even = text.length() % 2 == 0 ? text : text + "\0";
        return even.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
