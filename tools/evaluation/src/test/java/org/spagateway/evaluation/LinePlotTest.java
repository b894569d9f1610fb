package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @Test
    void aPlotIsWrittenAsAReadablePng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plot.png");
        new LinePlot("t", "round", "Dice", new double[] {1, 2, 3})
                .add("a", new double[] {0.8, 0.85, 0.9})
                .add("b", new double[] {0.7, Double.NaN, 0.75})
                .write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight()).isEqualTo(440);
    }
}
