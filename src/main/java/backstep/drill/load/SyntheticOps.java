package backstep.drill.load;

import backstep.db.Dialect;
import backstep.drill.WorkloadSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic mix of one client: insert a row with a key of the client's own range (journaled once the commit
 * returns), update a row it inserted, or read a random key.
 */
final class SyntheticOps implements ClientOps {
  private enum Op { READ, INSERT, UPDATE }

  private final WorkloadSpec spec;
  private final Journal journal;
  private final List<Long> keys = new ArrayList<>();
  private long nextKey;

  SyntheticOps(WorkloadSpec spec, Journal journal, long firstKey) {
    this.spec = spec;
    this.journal = journal;
    this.nextKey = firstKey;
  }

  @Override
  public boolean once(Connection conn, SplittableRandom random) throws SQLException {
    Op op = pick(random);
    long key = 0;
    long value = 1 + random.nextLong(1_000_000_000L);
    try {
      switch (op) {
        case READ -> read(conn, random);
        case INSERT -> {
          key = nextKey++;
          insert(conn, key, value);
        }
        default -> {
          key = keys.get(random.nextInt(keys.size()));
          update(conn, key, value);
        }
      }
      return op != Op.READ;
    } catch (SQLException e) {
      if (op == Op.UPDATE && Dialect.isConnectionLost(e)) {
        journal.uncertain(key, value);
      }
      throw e;
    }
  }

  private Op pick(SplittableRandom random) {
    int r = random.nextInt(100);
    if (r < spec.readPct()) {
      return Op.READ;
    }
    if (r < spec.readPct() + spec.insertPct() || keys.isEmpty()) {
      return Op.INSERT;
    }
    return Op.UPDATE;
  }

  private void read(Connection conn, SplittableRandom random) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM " + spec.readTable() + " WHERE "
        + spec.readKey() + " = ?")) {
      ps.setLong(1, 1 + random.nextLong(Math.max(1, spec.readKeys())));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // drain
        }
      }
    }
  }

  private void insert(Connection conn, long key, long value) throws SQLException {
    StringBuilder cols = new StringBuilder(spec.writeKey() + ", " + spec.writeValue());
    StringBuilder vals = new StringBuilder("?, ?");
    spec.fill().forEach((c, v) -> {
      cols.append(", ").append(c);
      vals.append(", ").append(v);
    });
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + spec.writeTable() + " (" + cols
        + ") VALUES (" + vals + ")")) {
      ps.setLong(1, key);
      ps.setLong(2, value);
      ps.executeUpdate();
    }
    journal.inserted(key, value);
    keys.add(key);
  }

  private void update(Connection conn, long key, long value) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("UPDATE " + spec.writeTable() + " SET " + spec.writeValue()
        + " = ? WHERE " + spec.writeKey() + " = ?")) {
      ps.setLong(1, value);
      ps.setLong(2, key);
      if (ps.executeUpdate() == 1) {
        journal.updated(key, value);
      }
    }
  }
}
