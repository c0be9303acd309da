package backstep.lint;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BS011: a step that takes strong locks must keep a short lock timeout. Backstep sets one for every sql step
 * ({@code guards.lock_timeout}, default 200ms), so what can go wrong is a playbook turning it off
 * ({@code lock_timeout: 0ms} on PostgreSQL), making it long, or overriding it in the SQL with a SET.
 */
final class LockTimeoutCheck implements Check {
  static final Duration LONGEST = Duration.ofSeconds(5);
  private static final Set<String> PG_SETTINGS = Set.of("lock_timeout");
  private static final Set<String> MYSQL_SETTINGS = Set.of("lock_wait_timeout", "innodb_lock_wait_timeout");
  private static final Pattern PG_VALUE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h|d)?");

  @Override
  public void check(StepContext c) {
    boolean strong = c.forward().stream().anyMatch(e -> strong(c, e.parsed(), e.ordinal()))
        || c.rollback().stream().anyMatch(p -> strong(c, p, c.start()));
    if (!strong) {
      return;
    }
    Duration guard = c.step().guards().lockTimeout();
    if (c.postgres() && guard.isZero()) {
      c.reportStep(Rule.BS011, "guards.lock_timeout is 0, which turns the lock timeout off, on a step that takes "
          + "strong locks");
    } else if (guard.compareTo(LONGEST) > 0) {
      c.reportStep(Rule.BS011, "guards.lock_timeout is " + guard.toMillis() + " ms (more than "
          + LONGEST.toSeconds() + " s) on a step that takes strong locks");
    }
    c.forward().forEach(e -> setting(c, e.parsed()));
    c.rollback().forEach(p -> setting(c, p));
  }

  private static boolean strong(StepContext c, Parsed p, int ordinal) {
    return p.actions().stream()
        .anyMatch(a -> a.strongLock() && (a.table().isEmpty() || c.existing(a.table(), ordinal)));
  }

  private static void setting(StepContext c, Parsed p) {
    for (Action.Setting s : p.all(Action.Setting.class)) {
      boolean ours = (c.postgres() ? PG_SETTINGS : MYSQL_SETTINGS).contains(s.name());
      if (!ours) {
        continue;
      }
      Optional<Duration> d = c.postgres() ? pg(s.value()) : mysql(s.value());
      if (d.isEmpty() || d.get().isZero() || d.get().compareTo(LONGEST) > 0) {
        c.report(Rule.BS011, p, "sets " + s.name() + " to " + s.value() + " in the SQL, overriding the step's "
            + "lock timeout (" + (d.isPresent() && d.get().isZero() ? "no timeout" : "longer than "
            + LONGEST.toSeconds() + " s") + ")");
      }
    }
  }

  /** PostgreSQL: a number is milliseconds; units ms, s, min, h, d. Empty when it cannot tell (DEFAULT). */
  static Optional<Duration> pg(String value) {
    Matcher m = PG_VALUE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    double ms = switch (unit) {
      case "s" -> v * 1000;
      case "min" -> v * 60_000;
      case "h" -> v * 3_600_000;
      case "d" -> v * 86_400_000;
      default -> v;
    };
    return Optional.of(Duration.ofMillis((long) ms));
  }

  /** MySQL/MariaDB: whole seconds; DEFAULT (a year for lock_wait_timeout) counts as unknown, so too long. */
  static Optional<Duration> mysql(String value) {
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
