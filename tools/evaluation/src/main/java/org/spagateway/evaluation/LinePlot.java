package org.spagateway.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A minimal line chart written as PNG with Java2D (no plotting library): series, axes, ticks, legend. */
public final class LinePlot {

    /** One line: a label and y values at the shared x positions (NaN = no point). */
    public record Series(String label, double[] y) {
    }

    private static final Color[] COLOURS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
        new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B)};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] x;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x.clone();
    }

    public LinePlot add(String label, double[] y) {
        series.add(new Series(label, y.clone()));
        return this;
    }

    public void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double xMin = min(x);
        double xMax = max(x);
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double v : s.y()) {
                if (!Double.isNaN(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        double pad = Math.max(1e-3, (yMax - yMin) * 0.08);
        yMin -= pad;
        yMax += pad;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int i = 0; i <= 5; i++) {
            double v = yMin + (yMax - yMin) * i / 5;
            int py = TOP + plotH - (int) Math.round(plotH * i / 5.0);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(LEFT + 1, py, LEFT + plotW - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), 26, py + 4);
        }
        for (double v : x) {
            int px = LEFT + (int) Math.round(plotW * (v - xMin) / Math.max(1e-9, xMax - xMin));
            g.drawLine(px, TOP + plotH, px, TOP + plotH + 4);
            String label = v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
            g.drawString(label, px - 8, TOP + plotH + 18);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - 30, HEIGHT - 12);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotH / 2 + 40), 16);
        g.rotate(Math.PI / 2);
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            g.setColor(COLOURS[s % COLOURS.length]);
            g.setStroke(new BasicStroke(2.2f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < x.length; i++) {
                double v = line.y()[i];
                if (Double.isNaN(v)) {
                    prevX = -1;
                    continue;
                }
                int px = LEFT + (int) Math.round(plotW * (x[i] - xMin) / Math.max(1e-9, xMax - xMin));
                int py = TOP + plotH - (int) Math.round(plotH * (v - yMin) / (yMax - yMin));
                g.fillOval(px - 3, py - 3, 7, 7);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            int ly = TOP + 14 + 20 * s;
            g.drawLine(LEFT + plotW + 12, ly - 4, LEFT + plotW + 34, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(line.label(), LEFT + plotW + 40, ly);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double min(double[] values) {
        double m = Double.MAX_VALUE;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = -Double.MAX_VALUE;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
