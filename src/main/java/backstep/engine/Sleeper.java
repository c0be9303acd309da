package backstep.engine;

import java.time.Duration;

/** Waiting, injectable so backoff is testable without sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
