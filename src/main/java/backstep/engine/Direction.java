package backstep.engine;

/** Which way a step runs. */
public enum Direction {
  FORWARD, ROLLBACK
}
