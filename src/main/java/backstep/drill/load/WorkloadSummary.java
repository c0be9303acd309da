package backstep.drill.load;

import java.time.Duration;

/**
 * The whole run of a workload: operations (of them, {@code reads} and {@code writes}), errors, sustained rate and
 * latency percentiles in milliseconds.
 */
public record WorkloadSummary(int clients, int targetRate, long operations, long errors, Duration ran,
    double opsPerSecond, double p50, double p95, double p99, double max, long inserts, long updates,
    int journaledKeys, long reads, long writes) {

  /** The share of reads among the completed operations (NaN when none completed). */
  public double readShare() {
    return reads + writes == 0 ? Double.NaN : (double) reads / (reads + writes);
  }
}
