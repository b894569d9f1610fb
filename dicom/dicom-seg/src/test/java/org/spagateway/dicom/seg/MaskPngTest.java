package org.spagateway.dicom.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MaskPngTest {

    @Test
    void aMaskComesBackBitForBitOpaqueWhereSetAndTransparentElsewhere() throws Exception {
        boolean[] pixels = new boolean[7 * 5];
        pixels[0] = true;
        pixels[8] = true;
        pixels[34] = true;
        MaskGrid mask = MaskGrid.of(7, 5, pixels);

        byte[] png = MaskPng.encode(mask);

        assertThat(MaskPng.decode(png)).isEqualTo(mask);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getRGB(0, 0)).isEqualTo(0xFFFFFFFF);
        assertThat(image.getRGB(1, 0) >>> 24).isZero();
    }

    @Test
    void bytesThatAreNoImageAreRefused() {
        assertThatThrownBy(() -> MaskPng.decode(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }
}
