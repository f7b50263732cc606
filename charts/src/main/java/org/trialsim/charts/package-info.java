/**
 * What is drawn of a study: the power curve ({@link org.trialsim.charts.PowerCurveChart}), the charts of one
 * simulated trial ({@link org.trialsim.charts.TrialCharts}), both in every {@link org.trialsim.charts.ChartImage}
 * format (PNG, SVG), and the self-contained page {@code report.html} ({@link org.trialsim.charts.HtmlReport}) with
 * its charts as inline SVG. Drawn with JFreeChart (LGPL-2.1) on JFreeSVG (GPL-3.0-only); the figures they draw are
 * computed in {@code org.trialsim.report} of trialsim-core, which depends on neither, so this module is the only
 * one of the library that carries them (the command line's jar includes it; the README's licence paragraph says
 * what that means for the jar).
 *
 * <p>Every chart reads a finished result or a finished replay, like the reporters of {@code org.trialsim.report};
 * none samples a cohort or extracts endpoint data.
 */
package org.trialsim.charts;
