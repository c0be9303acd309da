package backstep.drill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * What one workload client does for each operation: the synthetic read/insert/update mix ({@link SyntheticOps}) or
 * a replayed traffic profile ({@link ReplayOps}). Pacing, latency, errors and reconnects stay in {@link Workload}.
 */
interface ClientOps {
  /** Runs one operation on {@code conn}; true when it was a write. */
  boolean once(Connection conn, SplittableRandom random) throws SQLException;

  /** The client's connection was replaced: what was prepared on the old one is gone. */
  default void reconnected() {
  }
}
