package org.spagateway.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart written as PNG with XChart: one line per series over shared x positions, title, axis titles and a
 * legend beside the plot. Needs no display ({@code java.awt.headless=true} on a server).
 */
public final class LinePlot {

    private static final Color[] COLOURS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
        new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B)};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;

    private final XYChart chart;
    private final double[] x;

    public LinePlot(String title, String xLabel, String yLabel, double[] x) {
        this.x = x.clone();
        this.chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler()
                .setLegendPosition(Styler.LegendPosition.OutsideE)
                .setSeriesColors(COLOURS)
                .setSeriesMarkers(new Marker[] {SeriesMarkers.CIRCLE})
                .setChartBackgroundColor(Color.WHITE)
                .setAntiAlias(true);
    }

    /** Adds a line: y values at the shared x positions (NaN = no point there, and a gap in the line). */
    public LinePlot add(String label, double[] y) {
        XYSeries series = chart.addSeries(label, x.clone(), y.clone());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineStyle(new BasicStroke(2.2f));
        return this;
    }

    public void write(Path file) throws IOException {
        // XChart 4 deprecates BitmapEncoder.saveBitmap; the rendered image goes through the JDK's PNG writer instead.
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
    }
}
