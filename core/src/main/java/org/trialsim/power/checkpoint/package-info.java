/**
 * A power study's counts on disk ({@link org.trialsim.power.checkpoint.CheckpointFile}): the persistence of
 * engine state, so that a long run resumes after Ctrl-C, a kill or a crash, and so that shards of one study run
 * apart can be kept and merged. Kept apart from {@code org.trialsim.report}, whose reporters only read finished
 * results; files are written through {@link org.trialsim.io.StagedOutput}, all or nothing.
 */
package org.trialsim.power.checkpoint;
