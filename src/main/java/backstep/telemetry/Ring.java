package backstep.telemetry;

import java.util.ArrayList;
import java.util.List;

/** A fixed-size ring of timestamped values, safe for one writer and many readers. */
final class Ring {
  private final long[] at;
  private final double[] values;
  private int next;
  private int size;

  Ring(int capacity) {
    at = new long[capacity];
    values = new double[capacity];
  }

  synchronized void add(long atMillis, double value) {
    at[next] = atMillis;
    values[next] = value;
    next = (next + 1) % at.length;
    size = Math.min(size + 1, at.length);
  }

  /** Samples at or after {@code fromMillis}, oldest first. */
  synchronized List<Sample> since(long fromMillis) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int idx = (next - size + i + at.length) % at.length;
      if (at[idx] >= fromMillis) {
        out.add(new Sample(at[idx], values[idx]));
      }
    }
    return out;
  }
}
