package org.spagateway.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HeadlessChromiumTest {

    @Test
    void failsNamingThePackageWhenTheBrowserOrTheDriverIsMissing() {
        assertThatThrownBy(() -> HeadlessChromium.start(Path.of("/nonexistent/chromium"),
                HeadlessChromium.CHROMEDRIVER, 100, 100))
                .isInstanceOf(AssertionError.class).hasMessageContaining("install the Debian package chromium");
        assertThatThrownBy(() -> HeadlessChromium.start(HeadlessChromium.CHROMIUM,
                Path.of("/nonexistent/chromedriver"), 100, 100))
                .isInstanceOf(AssertionError.class).hasMessageContaining("chromium-driver");
    }

    @Test
    void countsPixelsOfAColourWithinATolerancePerChannel() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xE69F00);
        image.setRGB(1, 0, 0xE89D02);
        image.setRGB(2, 0, 0xF0A000);
        image.setRGB(3, 1, 0xE69F00);

        assertThat(HeadlessChromium.countPixels(image, new Color(0xE69F00), 2)).isEqualTo(3);
        assertThat(HeadlessChromium.countPixels(image, new Color(0xE69F00), 0)).isEqualTo(2);
        assertThat(HeadlessChromium.countPixels(image, new Rectangle(0, 0, 4, 1), new Color(0xE69F00), 2))
                .isEqualTo(2);
    }
}
