package backstep.engine;

/**
 * One playbook check evaluated in one phase: the value now, the value before the run, what was expected, and
 * whether it held. This is what the console's integrity table shows (check, before, now, expected, status).
 *
 * @param step the step after which it ran (phase after_step), else null
 */
public record CheckOutcome(
    String name,
    String phase,
    String step,
    String before,
    String value,
    String expected,
    boolean passed,
    String detail,
    long ms) {}
