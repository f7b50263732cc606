/**
 * Familywise error control across endpoints: the graphical approach (Bretz F, Maurer W, Brannath W, Posch M.
 * Stat Med 2009;28:586-604) with Bonferroni, Holm, fixed-sequence and fallback as predefined graphs, and
 * Hochberg's step-up procedure. Per-thread instances decide without allocating.
 */
package org.trialsim.stats.multiplicity;
