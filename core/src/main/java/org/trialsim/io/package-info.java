/**
 * Writing files so that nothing the user had is lost or left half-written: every output goes to a temporary
 * file in the target's folder and is renamed into place when complete ({@link org.trialsim.io.StagedOutput}).
 * Imports nothing else of trialsim, so the reporters, the engine's checkpoints and the command line can all use
 * it without a cycle between them.
 */
package org.trialsim.io;
