package org.trialsim.scenario;

/**
 * The settings of one patient process in one arm and stratum, as read from a scenario file: an immutable
 * record of plain values, owned by the {@link ProcessDefinition} that reads it ({@link #process()}).
 */
public interface ProcessModel {

    /** The key of the process that reads and simulates this model (its {@link ProcessDefinition#key()}). */
    String process();

    /**
     * Whether the process shortens the dropout time the dropout process drew (a score trajectory's dropout by
     * score): a trial model that does not simulate patients ({@code CountLevelTrials}) cannot then apply.
     */
    default boolean changesDropout() {
        return false;
    }
}
