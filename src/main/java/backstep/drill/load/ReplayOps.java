package backstep.drill.load;

import backstep.traffic.TrafficProfile.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One client of a profile replay: picks a shape in proportion to its captured calls, binds values the
 * {@link ReplayPlan} draws, and runs it in a transaction of its own. Statements stay prepared per connection.
 */
final class ReplayOps implements ClientOps {
  private final ReplayPlan plan;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  ReplayOps(ReplayPlan plan) {
    this.plan = plan;
  }

  @Override
  public boolean once(Connection conn, SplittableRandom random) throws SQLException {
    ReplayPlan.Ready r = plan.pick(random);
    PreparedStatement ps = prepared.get(r.sql());
    if (ps == null) {
      ps = conn.prepareStatement(r.sql());
      prepared.put(r.sql(), ps);
    }
    List<Integer> binds = r.binds();
    Map<Integer, Object> drawn = new HashMap<>();
    for (int i = 0; i < binds.size(); i++) {
      int n = binds.get(i);
      if (!drawn.containsKey(n)) {
        drawn.put(n, plan.value(r.shape().param(n), random));
      }
      Object v = drawn.get(n);
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else {
        ps.setObject(i + 1, v);
      }
    }
    if (ps.execute()) {
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          // drain
        }
      }
    }
    return r.shape().kind() == Kind.WRITE;
  }

  @Override
  public void reconnected() {
    prepared.clear(); // closed with the old connection
  }
}
