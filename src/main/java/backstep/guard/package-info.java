/**
 * Guards: threshold rules over telemetry with a baseline taken before the change, a window a breach must be
 * sustained for, and an action (alert, pause, rollback). Tells transient spikes from sustained breaches; decides,
 * but never touches the database itself.
 */
package backstep.guard;
