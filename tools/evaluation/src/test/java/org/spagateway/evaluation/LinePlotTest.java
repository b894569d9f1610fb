package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    /** The eight bytes every PNG file starts with (PNG specification, section 5.2). */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void aPlotIsWrittenAsAPngOfSevenHundredTwentyByFourHundredFortyPixels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plot.png");
        new LinePlot("t", "round", "Dice", new double[] {1, 2, 3})
                .add("a", new double[] {0.8, 0.85, 0.9})
                .add("b", new double[] {0.7, Double.NaN, 0.75})
                .write(file);

        assertThat(Files.readAllBytes(file)).startsWith(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight()).isEqualTo(440);
    }

    @Test
    void eachSeriesIsDrawnInItsOwnColour(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plot.png");
        new LinePlot("t", "Dice threshold", "iterations", new double[] {0.85, 0.9, 0.95})
                .add("a", new double[] {1, 2, 4})
                .add("b", new double[] {2, 3, 10})
                .write(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(pixelsOf(image, 0xD62728)).as("first series, red").isGreaterThan(50);
        assertThat(pixelsOf(image, 0x1F77B4)).as("second series, blue").isGreaterThan(50);
    }

    private static int pixelsOf(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return count;
    }
}
