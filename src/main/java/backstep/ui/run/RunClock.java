package backstep.ui.run;

import java.time.Duration;
import java.time.Instant;

/**
 * The run's clock in the run view: counts up while the engine works, and a resume (or the rollback of a
 * half-applied run) goes on from what the run had worked so far instead of starting again at 00:00.
 */
final class RunClock {
  private Duration soFar = Duration.ZERO;
  private Duration carried = Duration.ZERO;
  private Instant started;

  /** An engine call starts at {@code now}; {@code sameRun}: it continues the run shown (resume, rollback of it). */
  void start(Instant now, boolean sameRun) {
    carried = sameRun ? soFar : Duration.ZERO;
    started = now;
  }

  /** What the clock shows at {@code now} while the call runs. */
  Duration elapsed(Instant now) {
    return started == null ? soFar : carried.plus(Duration.between(started, now));
  }

  /** The call ended at {@code now}, its result saying {@code reported}: the longer of the two is the run's time. */
  Duration finished(Instant now, Duration reported) {
    Duration worked = elapsed(now);
    soFar = reported != null && reported.compareTo(worked) >= 0 ? reported : worked;
    started = null;
    return soFar;
  }

  /** What the ledger says the run took (or zero when there is no run): where the next resume goes on from. */
  void recorded(Duration d) {
    soFar = d == null ? Duration.ZERO : d;
    started = null;
  }
}
