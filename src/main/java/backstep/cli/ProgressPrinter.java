package backstep.cli;

import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.StepResult;
import backstep.integrity.CheckProgress;
import backstep.integrity.CheckResult.Basis;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Live progress on standard error, so standard output stays clean for results and {@code --json}: run and step
 * events, and checks on big tables ({@link CheckProgress}: the estimate before, the time after).
 */
final class ProgressPrinter implements RunListener, CheckProgress {
  private final PrintWriter err;
  /** When an observe step's countdown was last printed: every 5 s, so a long soak does not flood the terminal. */
  private long lastCountdown = Long.MIN_VALUE;

  ProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void runStarted(String changeId, String playbookId, String target, Direction direction) {
    err.printf(Locale.ROOT,
        "%s %s on %s — %s%n", direction == Direction.FORWARD ? "Applying" : "Rolling back", playbookId, target,
        changeId);
    err.flush();
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
    err.printf(Locale.ROOT,
        "  [%d/%d] %s %s: %s%n", index + 1, total, direction == Direction.FORWARD ? "▶" : "⟲", stepId, title);
    err.flush();
  }

  @Override
  public void observing(String stepId, Duration left, Duration total, int samples, int needed,
      java.util.List<String> guardLines) {
    long now = System.nanoTime();
    if (lastCountdown != Long.MIN_VALUE && now - lastCountdown < 5_000_000_000L && !left.isZero()) {
      return;
    }
    lastCountdown = now;
    err.printf(Locale.ROOT, "        observing: %d s left of %d s · %d/%d samples%n", (left.toMillis() + 999) / 1000,
        total.toSeconds(), samples, needed);
    for (String g : guardLines) {
      err.printf(Locale.ROOT, "          %s%n", g);
    }
    err.flush();
  }

  @Override
  public void statementDone(String stepId, int done, int total, long rows, Duration took) {
    if (total > 1 || total == 0) {
      err.printf(Locale.ROOT,
          "        %s%s rows so far%n", total == 0 ? "batch done, " : "statement " + done + "/" + total + ", ",
          rows);
      err.flush();
    }
  }

  @Override
  public void retrying(String stepId, int attempt, int maxAttempts, Duration wait, String reason) {
    err.printf(Locale.ROOT, "        %s — retry %d/%d in %d ms%n", reason, attempt, maxAttempts - 1, wait.toMillis());
    err.flush();
  }

  @Override
  public void stepFinished(StepResult r, Direction direction) {
    err.printf(Locale.ROOT, "        %s %s (%d ms)%s%n", r.state().icon(), r.state().words(), r.duration().toMillis(),
        r.error() != null ? ": " + r.error() : r.note() != null ? " — " + r.note() : "");
    err.flush();
  }

  @Override
  public void checkDone(CheckOutcome o) {
    err.printf(Locale.ROOT, "  check %s %s [%s]: %s%s%s%n", icon(o), o.name(), o.phase().replace('_', ' '), o.value(),
        o.basis() == Basis.COUNTED ? "" : " (" + o.basis().words() + ")",
        o.passed() ? "" : " (expected " + o.expected() + ")");
    err.flush();
  }

  /**
   * ✔ / ✖ for a value the database counted; ≡ for a pass it proved without reading the rows (not a counted zero); –
   * for a check that established nothing.
   */
  static String icon(CheckOutcome o) {
    return !o.passed() ? "✖" : switch (o.basis()) {
      case COUNTED -> "✔";
      case PROVED -> "≡";
      case SKIPPED -> "–";
    };
  }

  @Override
  public void guard(String description) {
    err.println("  guard: " + description);
    err.flush();
  }

  @Override
  public CheckProgress checkProgress() {
    return this;
  }

  @Override
  public void checkStarted(String check, String table, long estimatedRows) {
    err.printf(Locale.ROOT, "  %s %s: about %,d rows…%n", check, table, estimatedRows);
    err.flush();
  }

  @Override
  public void checkFinished(String check, String table, long rows, Duration took) {
    err.printf(Locale.ROOT, "  %s %s: done%s in %.1f s%n", check, table,
        rows >= 0 ? String.format(Locale.ROOT, ", %,d rows,", rows) : "", took.toMillis() / 1000.0);
    err.flush();
  }

  @Override
  public void fingerprintTable(int index, int total, String table, long estimatedRows) {
    err.printf(Locale.ROOT, "  fingerprint [%d/%d] %s (about %,d rows)%n", index + 1, total, table,
        Math.max(estimatedRows, 0));
    err.flush();
  }

  @Override
  public void note(String message) {
    err.println("  note: " + message);
    err.flush();
  }
}
