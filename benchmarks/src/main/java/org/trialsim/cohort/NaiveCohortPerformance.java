package org.trialsim.cohort;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.trialsim.benchmarks.ShortOperationBenchmark;

/**
 * The naive baseline of {@link CohortSamplingPerformance} for the binary design, in nanoseconds per patient:
 * a fresh list of patient objects per cohort, each response drawn through commons-math3's
 * {@code BinomialDistribution(1, p).sample()} (inversion by search). The ketamine model has no naive twin.
 *
 * <p>Dead code and constant folding: returns the list it built; the commons-math3 generator advances on
 * every draw, so every call builds a different cohort.
 */
public class NaiveCohortPerformance extends ShortOperationBenchmark {

    private BinomialDistribution[] response;

    /** One patient. */
    record Patient(int arm, boolean responded) {
    }

    @Setup
    public void setup() {
        Well19937c rng = new Well19937c(20261122L);
        response = new BinomialDistribution[] {new BinomialDistribution(rng, 1, 0.2),
            new BinomialDistribution(rng, 1, 0.5)};
    }

    /** A binary cohort of {@value CohortSamplingPerformance#PATIENTS} patient objects. */
    @Benchmark
    @OperationsPerInvocation(CohortSamplingPerformance.PATIENTS)
    public List<Patient> binary() {
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < CohortSamplingPerformance.PATIENTS; i++) {
            int arm = i % 2;
            patients.add(new Patient(arm, response[arm].sample() == 1));
        }
        return patients;
    }
}
