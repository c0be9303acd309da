package backstep.drill.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Latencies of completed operations, bucketed per 100 ms of completion time, for percentiles over any recent
 * window. A sorted sample per query is enough at drill rates (hundreds to a few thousand operations a second).
 * Besides the operations, a paced workload records the requests a stall swallowed ({@link #addSwallowed}): they
 * enter the percentiles, not the count of completed operations.
 */
final class LatencyLog {
  private static final int BUCKET_MS = 100;
  private final long startMs;
  private final List<float[]> buckets = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  private final List<Integer> errors = new ArrayList<>();
  private final List<Integer> swallowed = new ArrayList<>();

  LatencyLog(long startMs) {
    this.startMs = startMs;
  }

  synchronized void add(long atMs, double latencyMs, boolean ok) {
    int b = bucket(atMs);
    if (!ok) {
      errors.set(b, errors.get(b) + 1);
      return;
    }
    float[] arr = buckets.get(b);
    int n = sizes.get(b);
    if (n == arr.length) {
      arr = java.util.Arrays.copyOf(arr, arr.length * 2);
      buckets.set(b, arr);
    }
    arr[n] = (float) latencyMs;
    sizes.set(b, n + 1);
  }

  /**
   * Records the requests a paced client did not send because it was stalled (coordinated omission): one for each
   * scheduled start from {@code fromNanos} to {@code nowNanos}, {@code intervalNanos} apart, each with the wait it
   * would have had — {@code nowNanos} minus its scheduled start. Returns how many.
   */
  synchronized int addSwallowed(long atMs, long fromNanos, long nowNanos, long intervalNanos) {
    int n = 0;
    for (long slot = fromNanos; slot < nowNanos; slot += intervalNanos) {
      add(atMs, (nowNanos - slot) / 1e6, true);
      n++;
    }
    int b = bucket(atMs);
    swallowed.set(b, swallowed.get(b) + n);
    return n;
  }

  private int bucket(long atMs) {
    int b = (int) Math.max(0, (atMs - startMs) / BUCKET_MS);
    while (buckets.size() <= b) {
      buckets.add(new float[16]);
      sizes.add(0);
      errors.add(0);
      swallowed.add(0);
    }
    return b;
  }

  /** Operations completed in [fromMs, toMs) (the requests a stall swallowed left out). */
  synchronized int completed(long fromMs, long toMs) {
    return sum(sizes, fromMs, toMs) - sum(swallowed, fromMs, toMs);
  }

  /** Latencies completed in [fromMs, toMs), sorted. */
  synchronized double[] window(long fromMs, long toMs) {
    int a = (int) Math.max(0, (fromMs - startMs) / BUCKET_MS);
    int z = (int) Math.min(buckets.size(), Math.max(0, (toMs - startMs + BUCKET_MS - 1) / BUCKET_MS));
    int total = 0;
    for (int i = a; i < z; i++) {
      total += sizes.get(i);
    }
    double[] out = new double[total];
    int k = 0;
    for (int i = a; i < z; i++) {
      float[] arr = buckets.get(i);
      for (int j = 0; j < sizes.get(i); j++) {
        out[k++] = arr[j];
      }
    }
    java.util.Arrays.sort(out);
    return out;
  }

  synchronized int errors(long fromMs, long toMs) {
    return sum(errors, fromMs, toMs);
  }

  private int sum(List<Integer> counts, long fromMs, long toMs) {
    int a = (int) Math.max(0, (fromMs - startMs) / BUCKET_MS);
    int z = (int) Math.min(counts.size(), Math.max(0, (toMs - startMs + BUCKET_MS - 1) / BUCKET_MS));
    int n = 0;
    for (int i = a; i < z; i++) {
      n += counts.get(i);
    }
    return n;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
