package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live panel's per-replica line: each replica by name, an unreadable one said so, nothing without replicas. */
class ReplicaLineTest {
  @Test
  void eachReplicaIsShownByNameWithItsLag() {
    Map<String, Double> lags = new LinkedHashMap<>();
    lags.put("r1", 0.0);
    lags.put("r2", 12.345);
    lags.put("r3", Double.NaN);
    assertEquals("replicas: r1 0.0 s · r2 12.3 s · r3 unreachable", LiveController.replicaLine(lags));
    assertEquals("", LiveController.replicaLine(Map.of()));
  }
}
