package org.trialsim.scenario;

import java.util.List;

/**
 * Control of the familywise error rate across endpoints. Every procedure except Hochberg is run as a
 * graphical procedure (Bretz F, Maurer W, Brannath W, Posch M. Stat Med 2009;28:586-604): Bonferroni, Holm,
 * fixed-sequence and fallback are predefined graphs; {@link Procedure#GRAPH} takes the weights and
 * transition matrix as given.
 *
 * @param procedure the procedure
 * @param weights initial weights per endpoint (sum &lt;= 1); empty for the procedure's default
 * @param transitions transition matrix, one row per endpoint; empty for the procedure's default
 */
public record Multiplicity(Procedure procedure, List<Double> weights, List<List<Double>> transitions) {

    public Multiplicity {
        weights = List.copyOf(weights);
        transitions = transitions.stream().map(List::copyOf).toList();
    }

    /** Each endpoint tested at the full alpha, with no multiplicity adjustment. */
    public static final Multiplicity NONE = new Multiplicity(Procedure.NONE, List.of(), List.of());

    /** Multiplicity procedures. */
    public enum Procedure { NONE, BONFERRONI, HOLM, HOCHBERG, FIXED_SEQUENCE, FALLBACK, GRAPH }
}
