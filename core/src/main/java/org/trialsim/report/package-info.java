/**
 * Reports of a study's result, kept apart from the engine: each reporter reads a finished (or partial)
 * {@link org.trialsim.power.StudyResult}, or the finished replay of one simulated trial
 * ({@link org.trialsim.power.TrialReplay}: the patient listing and the curves of the trial charts), and writes
 * one artefact (a terminal table, CSV, JSON), in the manner of the Caffeine cache simulator's reporters
 * (github.com/ben-manes/caffeine, simulator module), so that adding an output format never touches the
 * simulation. No reporter samples a cohort or extracts endpoint data. The formats of a result are registered
 * once, in {@link org.trialsim.report.ResultFormat}, where the command line finds its choices.
 *
 * <p>What is drawn (the power curve, the trial charts and {@code report.html}) lives in the module trialsim-charts
 * (package {@code org.trialsim.charts}), which adds JFreeChart and JFreeSVG; this package computes what they draw
 * ({@link org.trialsim.report.ExpectedCurves}, {@link org.trialsim.report.TrialCurves},
 * {@link org.trialsim.report.LookFigures}) and needs neither, so a library user of trialsim-core pulls in no
 * charting code (and not JFreeSVG's GPL-3.0).
 *
 * <p>Files are written safely: every artefact is written to a temporary file in the target folder and moved
 * into place with an atomic rename ({@link org.trialsim.io.StagedOutput}), so an existing result is
 * either left whole or replaced whole, never half-overwritten.
 */
package org.trialsim.report;
