package backstep.drill.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The coordinated-omission correction: a paced client stalled for a second does not send the requests it was due to
 * send meanwhile; they must still show in the percentiles, or a lock pile-up would look like a calm minute.
 */
class LatencyLogTest {
  private static final long MS = 1_000_000L;

  @Test
  void requestsAStallSwallowedEnterThePercentilesButNotTheOperationCount() {
    LatencyLog log = new LatencyLog(0);
    for (int i = 0; i < 9; i++) {
      log.add(100, 2.0, true);
    }
    log.add(1_500, 1_200.0, true); // the request that hit the stall, measured from its scheduled start
    // scheduled every 250 ms from t = 300 ms; the client got back at t = 1500 ms: 300, 550, 800, 1050, 1300 missed
    int swallowed = log.addSwallowed(1_500, 300 * MS, 1_500 * MS, 250 * MS);

    assertEquals(5, swallowed);
    assertArrayEquals(new double[] {200, 450, 700, 950, 1_200, 1_200}, log.window(1_000, 2_000));
    assertEquals(1, log.completed(1_000, 2_000), "only the request actually sent completed");
    assertEquals(10, log.completed(0, 2_000));
    // without the swallowed requests the 80th percentile would be the calm 2 ms: 9 of the 10 sent were fast
    assertEquals(700.0, LatencyLog.percentile(log.window(0, 2_000), 80));
    assertEquals(2.0, LatencyLog.percentile(log.window(0, 2_000), 50), "the calm requests before the stall");
  }

  @Test
  void aClientThatIsOnTimeRecordsNothingExtra() {
    LatencyLog log = new LatencyLog(0);
    assertEquals(0, log.addSwallowed(500, 500 * MS, 500 * MS, 4 * MS));
    assertEquals(0, log.window(0, 1_000).length);
    assertEquals(0, log.completed(0, 1_000));
  }
}
