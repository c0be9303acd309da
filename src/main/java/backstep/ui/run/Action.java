package backstep.ui.run;

/** What the action bar offers. */
public enum Action {
  PREFLIGHT, STEP_FORWARD, RUN_TO_END, PAUSE, ROLLBACK, RESUME
}
