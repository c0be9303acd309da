/**
 * The run and step state machines: apply, rollback, resume and status. Runs on its own executor and returns
 * futures; asks people through {@link backstep.engine.Decisions} and reports through
 * {@link backstep.engine.RunListener}. Writes the ledger itself, inside each step's transaction where it can.
 * {@link backstep.engine.Engine} is the entry point; a run's start, session, step runners, proof and end are
 * package-private classes of their own.
 */
package backstep.engine;
