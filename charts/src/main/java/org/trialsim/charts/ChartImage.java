package org.trialsim.charts;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * The image formats a chart is written in: PNG (through JFreeChart's {@link ChartUtils}) and SVG (drawn on
 * JFreeSVG's {@link SVGGraphics2D}, text kept as text so the file is searchable and scales cleanly).
 */
public enum ChartImage {
    /** Portable Network Graphics. */
    PNG("png"),
    /** Scalable Vector Graphics. */
    SVG("svg");

    /** Default width in pixels. */
    public static final int WIDTH = 900;
    /** Default height in pixels. */
    public static final int HEIGHT = 560;

    static {
        // ImageIO's default file cache registers a JVM shutdown hook on first use, which fails while the JVM
        // is shutting down (Ctrl-C writes the partial result then); images this size are cached in memory.
        ImageIO.setUseCache(false);
    }

    private final String extension;

    ChartImage(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * Writes the chart.
     *
     * @param chart the chart
     * @param width width in pixels
     * @param height height in pixels
     * @param out where to write; left open
     * @throws IOException if writing fails
     */
    public void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        if (this == PNG) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } else {
            SVGGraphics2D g2 = new SVGGraphics2D(width, height);
            // JFreeSVG keys its clip and gradient ids by System.nanoTime() unless told: a fixed prefix makes the
            // same chart the same bytes in every run (the ids only need to be unique within one document)
            g2.setDefsKeyPrefix("trialsim-");
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
            out.write(g2.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
