package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A data set is whole only when it ends where its element structure does (PS3.5 7.1, 7.5). */
class DatasetFramingTest {

    private static final byte[] SEQUENCE_DELIMITER = {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
    private static final byte[] ITEM_DELIMITER = {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0};

    @Test
    void acceptsAWholeDataSetWhateverItsFragmentBoundaries() {
        byte[] dataset = TestDatasets.datasetWithSizes("1.2.3.4", "1.2.3", "1.2.3.1", 100, 1000);

        for (int size : new int[] {1, 7, 13, 500, dataset.length}) {
            DatasetFraming framing = new DatasetFraming(true);
            for (int at = 0; at < dataset.length; at += size) {
                framing.accept(Arrays.copyOfRange(dataset, at, Math.min(dataset.length, at + size)));
            }
            assertThat(framing.problem()).as("fragments of %d bytes", size).isNull();
        }
    }

    @Test
    void refusesADataSetCutInsideItsLastValue() {
        byte[] dataset = TestDatasets.datasetWithSizes("1.2.3.4", "1.2.3", "1.2.3.1", 0, 1000);

        assertThat(frame(true, Arrays.copyOf(dataset, dataset.length - 10))).contains("10 bytes before the end");
    }

    @Test
    void refusesADataSetCutInsideAnElementHeader() {
        byte[] dataset = TestDatasets.datasetWithSizes("1.2.3.4", "1.2.3", "1.2.3.1", 0, 4);

        assertThat(frame(true, dataset, new byte[] {0x08, 0x00})).contains("inside an element header");
    }

    @Test
    void refusesAnElementDeclaringTwoGigabytesWithoutWaitingForThem() {
        byte[] dataset = TestDatasets.datasetWithSizes("1.2.3.4", "1.2.3", "1.2.3.1", 0, 4);
        ExplicitVrElements.declareLength(dataset, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0, 'O', 'B'}, 0x7ffffff0);

        assertThat(frame(true, dataset)).contains("bytes before the end");
    }

    @Test
    void refusesABinaryValueWhoseLengthDoesNotFitItsVr() {
        byte[] rows = {0x28, 0, 0x10, 0, 'U', 'S', 3, 0, 0, 1, 0};

        assertThat(frame(true, rows)).contains("US value of 3 bytes");
    }

    @Test
    void followsUndefinedLengthSequencesAndItemsToTheirDelimiters() {
        byte[] sequence = concat(new byte[] {0x08, 0, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, -1, -1, -1, -1},
                new byte[] {0x08, 0, 0x50, 0x11, 'U', 'I', 4, 0, '1', '.', '2', 0}, ITEM_DELIMITER);

        assertThat(frame(true, sequence)).contains("inside an undefined-length sequence");
        assertThat(frame(true, sequence, SEQUENCE_DELIMITER)).isNull();
    }

    @Test
    void followsImplicitVrDataSets() {
        byte[] element = {0x20, 0, 0x0D, 0, 4, 0, 0, 0, '1', '.', '2', 0};

        assertThat(frame(false, element)).isNull();
        assertThat(frame(false, Arrays.copyOf(element, 10))).contains("2 bytes before the end");
    }

    @Test
    void acceptsAnEmptyDataSet() {
        assertThat(frame(true, new byte[0])).isNull();
    }

    private static String frame(boolean explicitVr, byte[]... fragments) {
        DatasetFraming framing = new DatasetFraming(explicitVr);
        for (byte[] fragment : fragments) {
            framing.accept(fragment);
        }
        return framing.problem();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
