package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.objects.DisplayableSource;
import org.spagateway.dicom.objects.SourcePixels;

class PickerImageRendererTest {

    private final PickerImageRenderer renderer = new PickerImageRenderer();

    @Test
    void appliesTheLinearVoiWindowOfPs33() {
        DisplayableSource.VoiWindow lung = new DisplayableSource.VoiWindow(-600, 1500);

        assertThat(PickerImageRenderer.windowed(-1400, lung)).isZero();
        assertThat(PickerImageRenderer.windowed(-600, lung)).isEqualTo(128);
        assertThat(PickerImageRenderer.windowed(200, lung)).isEqualTo(255);
    }

    @Test
    void showsMonochrome1InvertedAndUsesTheFullRangeWithoutAWindow() throws Exception {
        SourcePixels pixels = new SourcePixels(2, 1, 1, 0, new float[] {-1000, 1000});

        BufferedImage plain = read(renderer.source(new DisplayableSource(pixels, Optional.empty(), false)));
        BufferedImage inverted = read(renderer.source(new DisplayableSource(pixels, Optional.empty(), true)));

        assertThat(plain.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(plain.getRaster().getSample(1, 0, 0)).isEqualTo(255);
        assertThat(inverted.getRaster().getSample(0, 0, 0)).isEqualTo(255);
    }

    @Test
    void keepsTheColoursOfAnRgbPhotograph() throws Exception {
        SourcePixels pixels = new SourcePixels(1, 1, 3, 0, new float[] {1f, 0.5f, 0f});

        BufferedImage image = read(renderer.source(new DisplayableSource(pixels, Optional.empty(), false)));

        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF8000);
    }

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
