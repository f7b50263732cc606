package org.trialsim.power;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The shape of what one simulated trial reports: the total sample sizes evaluated on the prefixes of one
 * cohort (nested cohorts), the endpoints, and the number of analyses (looks) of a sequential design. A fixed
 * design has one look; a group-sequential design has one per information fraction; a Simon two-stage design
 * has two (the end of stage 1 and the final analysis); a predictive-probability design one per monitoring
 * point, the last at its maximum sample size.
 *
 * @param sampleSizes total sample sizes, strictly increasing
 * @param endpoints endpoint names in priority order
 * @param looks number of analyses per trial, at least 1
 * @param design the kind of sequential design, which decides which measures are reported
 */
public record TrialLayout(int[] sampleSizes, List<String> endpoints, int looks, Sequential design) {

    public TrialLayout {
        sampleSizes = sampleSizes.clone();
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(design, "design");
        if (sampleSizes.length == 0) {
            throw new IllegalArgumentException("at least one sample size is needed");
        }
        for (int i = 1; i < sampleSizes.length; i++) {
            if (sampleSizes[i] <= sampleSizes[i - 1]) {
                throw new IllegalArgumentException("sample sizes must be strictly increasing: "
                        + Arrays.toString(sampleSizes));
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        if (looks < 1 || (design == Sequential.FIXED && looks != 1) || (design == Sequential.SIMON && looks != 2)) {
            throw new IllegalArgumentException(design + " design cannot have " + looks + " looks");
        }
    }

    /** The kind of sequential design. */
    public enum Sequential {
        /** One analysis with all patients. */
        FIXED,
        /** Interim analyses with efficacy (and optional non-binding futility) boundaries. */
        GROUP_SEQUENTIAL,
        /** Simon's two-stage single-arm design: futility stop after stage 1. */
        SIMON,
        /**
         * Lee and Liu's single-arm design with predictive-probability monitoring: a look every few patients,
         * futility (and optionally efficacy) stops on integer bounds computed once per design.
         */
        PREDICTIVE
    }

    @Override
    public int[] sampleSizes() {
        return sampleSizes.clone();
    }

    /** Number of sample sizes. */
    public int sizeCount() {
        return sampleSizes.length;
    }

    /** The {@code g}-th sample size. */
    public int sampleSize(int g) {
        return sampleSizes[g];
    }

    /** Number of endpoints. */
    public int endpointCount() {
        return endpoints.size();
    }

    /** The largest sample size: the cohort size sampled per replicate. */
    public int maxSampleSize() {
        return sampleSizes[sampleSizes.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialLayout t && Arrays.equals(sampleSizes, t.sampleSizes)
                && endpoints.equals(t.endpoints) && looks == t.looks && design == t.design;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sampleSizes), endpoints, looks, design);
    }

    @Override
    public String toString() {
        return "TrialLayout[sampleSizes=" + Arrays.toString(sampleSizes) + ", endpoints=" + endpoints
                + ", looks=" + looks + ", design=" + design + "]";
    }
}
