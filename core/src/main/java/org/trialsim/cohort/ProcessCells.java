package org.trialsim.cohort;

import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;

/**
 * A process's models across the arm x stratum cells of a scenario, for compiling it: cell
 * {@code arm * strata + stratum}, as the sampler indexes patients ({@code cohort.arm[i] * strata +
 * cohort.stratum[i]}).
 */
public final class ProcessCells {

    private final Scenario scenario;
    private final ProcessModel[] models;

    ProcessCells(Scenario scenario, ProcessModel[] models) {
        this.scenario = scenario;
        this.models = models.clone();
    }

    /** The scenario (schedule, strata, arms). */
    public Scenario scenario() {
        return scenario;
    }

    /** The number of strata (the stride of the cell index). */
    public int strata() {
        return scenario.strata().size();
    }

    /** The number of cells, arms x strata. */
    public int size() {
        return models.length;
    }

    /** The model of cell {@code k}, or {@code null} where the patients do not have the process. */
    public ProcessModel model(int k) {
        return models[k];
    }

    /** The stratum of cell {@code k}. */
    public int stratum(int k) {
        return k % strata();
    }

    /** Whether every cell has the process. */
    public boolean everyCell() {
        for (ProcessModel m : models) {
            if (m == null) {
                return false;
            }
        }
        return true;
    }

    /** Weeks of induction. */
    public double inductionWeeks() {
        return scenario.schedule().inductionWeeks();
    }
}
