/**
 * Reports of a study's result, kept apart from the engine: each reporter reads a finished (or partial)
 * {@link org.trialsim.power.StudyResult}, or the finished replay of one simulated trial
 * ({@link org.trialsim.power.TrialReplay}: the patient listing and the trial charts), and writes one artefact
 * (a terminal table, CSV, JSON, a chart), in the manner of the Caffeine cache simulator's reporters
 * (github.com/ben-manes/caffeine, simulator module), so that adding an output format never touches the
 * simulation. No reporter samples a cohort or extracts endpoint data. The formats of a result are registered
 * once, in {@link org.trialsim.report.ResultFormat} (and the images of charts in
 * {@link org.trialsim.report.ChartImage}), where the command line finds its choices.
 *
 * <p>Files are written safely: every artefact is written to a temporary file in the target folder and moved
 * into place with an atomic rename ({@link org.trialsim.io.StagedOutput}), so an existing result is
 * either left whole or replaced whole, never half-overwritten.
 */
package org.trialsim.report;
