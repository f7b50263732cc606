/**
 * One-sided group-sequential designs: Lan-DeMets spending functions, efficacy and non-binding futility bounds
 * by recursive numerical integration of the canonical joint distribution (Jennison C, Turnbull BW. Group
 * Sequential Methods with Applications to Clinical Trials. Chapman and Hall/CRC 2000), exit probabilities,
 * expected information and an allocation-free per-look decision.
 */
package org.trialsim.stats.sequential;
