package backstep.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What guards need of a sampler: its interval, the recent samples of a metric, and each reading as it arrives.
 * {@link Telemetry} is the real one; guard tests feed readings by hand with an injected clock.
 */
public interface TelemetryFeed {
  Duration interval();

  /** Samples of a metric within the last {@code window}, oldest first. */
  List<Sample> series(Metric m, Duration window);

  void addListener(Consumer<Reading> l);

  void removeListener(Consumer<Reading> l);
}
