package backstep.adopt;

/** No table to adopt from, or several: the message says what was looked for and what to pass. */
public final class AdoptException extends Exception {
  public AdoptException(String message) {
    super(message);
  }
}
