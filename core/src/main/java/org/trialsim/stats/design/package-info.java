/**
 * Exact single-arm phase II designs: Simon's two-stage optimal and minimax designs and their operating
 * characteristics (Simon R. Control Clin Trials 1989;10:1-10). Pure functions of the design parameters.
 */
package org.trialsim.stats.design;
