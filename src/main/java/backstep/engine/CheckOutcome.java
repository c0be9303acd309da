package backstep.engine;

import backstep.integrity.CheckResult.Basis;

/**
 * One playbook check evaluated in one phase: the value now, the value before the run, what was expected, and
 * whether it held. This is what the console's integrity table shows (check, before, now, expected, status).
 *
 * @param step the step after which it ran (phase after_step), else null
 * @param basis what the value rests on: counted from the rows, proved without scanning them (an orphan check behind
 *     a foreign key PostgreSQL enforces), or skipped (the check could not run)
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
    long ms,
    Basis basis) {

  public CheckOutcome {
    basis = basis == null ? Basis.COUNTED : basis;
  }

  /** An outcome whose value was counted. */
  public CheckOutcome(String name, String phase, String step, String before, String value, String expected,
      boolean passed, String detail, long ms) {
    this(name, phase, step, before, value, expected, passed, detail, ms, Basis.COUNTED);
  }
}
