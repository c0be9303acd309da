package backstep.engine;

/** A step that could not be applied or undone, with the database's own words. */
final class StepFailure extends Exception {
  private final boolean connectionLost;

  StepFailure(String message, boolean connectionLost) {
    super(message);
    this.connectionLost = connectionLost;
  }

  boolean connectionLost() {
    return connectionLost;
  }
}
