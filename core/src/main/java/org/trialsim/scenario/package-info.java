/**
 * The scenario a trial planner writes: design, strata, arms with their patient models, enrollment, dropout,
 * visit schedule, endpoints with their analyses, multiplicity and interim looks.
 *
 * <p>Everything here is an immutable record of plain values, fully resolved: per-stratum overrides have
 * already been merged into one {@link org.trialsim.scenario.PatientModel} per arm and stratum, and every
 * default has been filled in. Times are in weeks throughout; hazards are per week.
 */
package org.trialsim.scenario;
