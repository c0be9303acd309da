/**
 * The run view: checklist, step detail, action bar with reasons, event log, and the dialogs that answer the
 * engine's decisions. Calls the engine only through its futures and listener; never blocks the FX thread.
 */
package backstep.ui.run;
