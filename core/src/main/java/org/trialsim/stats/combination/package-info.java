/**
 * Adaptive two-stage designs by the combination-test principle: the weighted inverse-normal combination of
 * stage-wise statistics with prefixed weights (Lehmacher W, Wassmer G. Biometrics 1999;55:1286-1290; Cui L, Hung
 * HMJ, Wang SJ. Biometrics 1999;55:853-857), its conditional power, and sample-size re-estimation by conditional
 * power in a promising zone (Mehta CR, Pocock SJ. Stat Med 2011;30:3267-3284).
 */
package org.trialsim.stats.combination;
