package org.spagateway.dicom.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.test.harness.PydicomTestFiles;

/**
 * Decoding real files of other toolkits (Debian's python3-pydicom test files): each compressed variant must give
 * the values of its uncompressed original, and what cannot be decoded must say so as unsupported, not unreadable.
 */
class SourcePixelReaderTest {

    private static Path corpus;
    private final SourcePixelReader reader = new SourcePixelReader();

    @BeforeAll
    static void requireCorpus() {
        corpus = PydicomTestFiles.require();
    }

    @Test
    void decodesRleAndJpeg2000LosslessMonochromeToTheValuesOfTheUncompressedOriginal() throws Exception {
        SourcePixels original = read("MR_small.dcm");

        assertThat(read("MR_small_RLE.dcm").values()).isEqualTo(original.values());
        assertThat(read("MR_small_jp2klossless.dcm").values()).isEqualTo(original.values());
        assertThat(original.channels()).isEqualTo(1);
    }

    @Test
    void decodesLosslessColourToTheSameRgbValues() throws Exception {
        SourcePixels rle = read("SC_rgb_rle.dcm");

        assertThat(read("SC_rgb_gdcm_KY.dcm").values()).as("JPEG 2000 lossless").isEqualTo(rle.values());
        assertThat(rle.channels()).isEqualTo(3);
    }

    @Test
    void turnsAYbrJpegBaselineIntoRgbWithinItsLossyError() throws Exception {
        float[] reference = read("SC_rgb_rle.dcm").values();
        float[] jpeg = read("SC_rgb_jpeg_dcmtk.dcm").values();

        assertThat(jpeg).hasSameSizeAs(reference);
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            assertThat(Math.abs(jpeg[i] - reference[i])).isLessThan(0.05f);
            sum += Math.abs(jpeg[i] - reference[i]);
        }
        assertThat(sum / reference.length).isLessThan(0.01);
    }

    @Test
    void callsASyntaxWithNoDecoderHereUnsupported() {
        assertThatThrownBy(() -> read("MR_small_jpeg_ls_lossless.dcm"))
                .isInstanceOf(SourceUnsupportedException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.80");
    }

    @Test
    void callsMultiFrameAndUncompressedYbrUnsupported() {
        assertThatThrownBy(() -> read("SC_rgb_rle_2frame.dcm")).isInstanceOf(SourceUnsupportedException.class)
                .hasMessageContaining("2 frames");
        assertThatThrownBy(() -> read("SC_ybr_full_422_uncompressed.dcm"))
                .isInstanceOf(SourceUnsupportedException.class).hasMessageContaining("YBR_FULL_422");
    }

    @Test
    void callsATruncatedFileUnreadableNotUnsupported() {
        assertThatThrownBy(() -> read("MR_truncated.dcm")).isInstanceOf(SourceImageException.class)
                .isNotInstanceOf(SourceUnsupportedException.class);
    }

    private SourcePixels read(String name) throws IOException, SourceImageException {
        return reader.read(corpus.resolve(name));
    }
}
