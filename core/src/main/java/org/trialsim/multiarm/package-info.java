/**
 * Multi-arm designs with many-to-one comparisons: treatment selection at interims under a closed
 * combination test ({@link org.trialsim.multiarm.MultiArmDesign}, after Bauer and Kieser 1999 and rpact's
 * {@code getSimulationMultiArmMeans}/{@code Rates}), and response-adaptive randomisation by the posterior
 * probability that each arm is best ({@link org.trialsim.multiarm.ResponseAdaptiveDesign}, Thall and Wathen
 * 2007). Each design is simulated at the level of its sufficient statistics per stage, one random stream per
 * replicate, and its counts are exact integers merged by addition, so results are bit-identical for any
 * thread count.
 */
package org.trialsim.multiarm;
