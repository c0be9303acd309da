package backstep.drill.load;

import backstep.db.Dialect;
import backstep.traffic.TrafficProfile;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.ParamType;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import backstep.traffic.TrafficProfile.Stats;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A profile made ready to replay on one target: each shape in JDBC form with its share of the calls, and for every
 * parameter that meets a column's values a pool of values sampled from the replay target itself (up to
 * {@value #POOL} random ones), so lookups find rows there; so do a foreign key's values (from the column it
 * refers to) and a category's (a column with few distinct values). Other parameters are drawn from the profile's
 * distribution: a number within its magnitude, text within its length range, the current time; a value for a
 * column that is a key by itself is fresh (integers count up from the target's largest).
 */
final class ReplayPlan {
  static final int POOL = 1000;

  /** One shape ready to run. */
  record Ready(Shape shape, String sql, List<Integer> binds, double cumulative) {}

  private final List<Ready> shapes;
  private final double total;
  private final Map<String, List<Object>> pools;
  private final Map<String, AtomicLong> fresh;
  private final Dialect dialect;

  private ReplayPlan(List<Ready> shapes, double total, Map<String, List<Object>> pools, Map<String, AtomicLong> fresh,
      Dialect dialect) {
    this.shapes = shapes;
    this.total = total;
    this.pools = pools;
    this.fresh = fresh;
    this.dialect = dialect;
  }

  /** Samples the pools on {@code c} (the replay target). A table the profile names and the target lacks fails. */
  static ReplayPlan prepare(Connection c, Dialect dialect, TrafficProfile profile) throws SQLException {
    List<Ready> ready = new ArrayList<>();
    Map<String, List<Object>> pools = new HashMap<>();
    Map<String, AtomicLong> fresh = new HashMap<>();
    double sum = 0;
    for (Shape s : profile.shapes()) {
      if (s.perSecond() <= 0) {
        continue;
      }
      sum += s.perSecond();
      TrafficProfile.Jdbc j = s.jdbc();
      ready.add(new Ready(s, j.sql(), j.binds(), sum));
      for (Param p : s.params()) {
        String from = poolOf(p);
        if (from != null && !pools.containsKey(from)) {
          pools.put(from, pool(c, dialect, from));
        }
        if (p.unique() && p.type() == ParamType.INTEGER && !fresh.containsKey(p.column())) {
          fresh.put(p.column(), new AtomicLong(max(c, dialect, p.column())));
        }
      }
    }
    return new ReplayPlan(List.copyOf(ready), sum, pools, fresh, dialect);
  }

  /**
   * The column whose existing values a parameter takes: its own when it meets a column, or gives a category's
   * value; the referenced column when it sets a foreign key; none otherwise (drawn from its distribution).
   */
  private static String poolOf(Param p) {
    if (p.column() == null || p.unique()) {
      return null;
    }
    if (p.references() != null) {
      return p.references();
    }
    return p.role() == Role.MATCH || p.categorical() ? p.column() : null;
  }

  /** The largest value of an integer key column on the replay target (0 when empty). */
  private static long max(Connection c, Dialect dialect, String column) throws SQLException {
    int dot = column.lastIndexOf('.');
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + quote(dialect,
        column.substring(dot + 1)) + "), 0) FROM " + quoteTable(dialect, column.substring(0, dot)))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new SQLException("the replay target cannot give a fresh key for " + column + ": " + e.getMessage(), e);
    }
  }

  private static List<Object> pool(Connection c, Dialect dialect, String column) throws SQLException {
    int dot = column.lastIndexOf('.');
    String table = quoteTable(dialect, column.substring(0, dot));
    String col = quote(dialect, column.substring(dot + 1));
    String sql = "SELECT " + col + " FROM (SELECT " + col + " FROM " + table + " WHERE " + col + " IS NOT NULL LIMIT "
        + "100000) s ORDER BY " + (dialect == Dialect.POSTGRES ? "random()" : "RAND()") + " LIMIT " + POOL;
    List<Object> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getObject(1));
      }
    } catch (SQLException e) {
      throw new SQLException("the replay target cannot give values for " + column + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String quote(Dialect dialect, String name) {
    return dialect == Dialect.POSTGRES ? "\"" + name.replace("\"", "\"\"") + "\"" : "`" + name.replace("`", "``")
        + "`";
  }

  private static String quoteTable(Dialect dialect, String table) {
    int dot = table.indexOf('.');
    return dot < 0 ? quote(dialect, table) : quote(dialect, table.substring(0, dot)) + "." + quote(dialect,
        table.substring(dot + 1));
  }

  List<Ready> shapes() {
    return shapes;
  }

  /** Statements per second the profile ran. */
  double rate() {
    return total;
  }

  /** A shape, in proportion to its calls. */
  Ready pick(SplittableRandom random) {
    double r = random.nextDouble() * total;
    for (Ready s : shapes) {
      if (r < s.cumulative()) {
        return s;
      }
    }
    return shapes.get(shapes.size() - 1);
  }

  /** A value for parameter {@code p}: from the pool of its column, else drawn from its distribution. */
  Object value(Param p, SplittableRandom random) {
    if (p == null) {
      return null;
    }
    if (p.role() == Role.LIMIT) {
      return 10L;
    }
    AtomicLong next = p.unique() ? fresh.get(p.column()) : null;
    if (next != null) {
      return next.incrementAndGet();
    }
    String from = poolOf(p);
    List<Object> pool = from == null ? null : pools.get(from);
    if (pool != null && !pool.isEmpty()) {
      return pool.get(random.nextInt(pool.size()));
    }
    Stats s = p.stats();
    if (s != null && s.nulls() > 0 && random.nextDouble() < s.nulls()) {
      return null;
    }
    long mag = s != null && s.magnitude() != null ? Math.max(1, s.magnitude()) : 1000;
    boolean signed = s != null && Boolean.TRUE.equals(s.signed());
    return switch (p.type()) {
      case INTEGER -> signed ? random.nextLong(-mag, mag + 1) : random.nextLong(0, mag + 1);
      case DECIMAL -> BigDecimal.valueOf((signed ? random.nextLong(-mag * 100, mag * 100 + 1)
          : random.nextLong(0, mag * 100 + 1)), 2);
      case TEXT -> p.unique() ? text(random, s) + "-" + java.util.UUID.randomUUID() : text(random, s);
      case TIMESTAMP -> new java.sql.Timestamp(System.currentTimeMillis());
      case DATE -> new java.sql.Date(System.currentTimeMillis());
      case BOOLEAN -> random.nextBoolean();
      case UUID -> dialect == Dialect.POSTGRES ? new java.util.UUID(random.nextLong(), random.nextLong())
          : new java.util.UUID(random.nextLong(), random.nextLong()).toString();
      default -> null;
    };
  }

  private static String text(SplittableRandom random, Stats s) {
    int min = s != null && s.minLength() != null ? s.minLength() : 8;
    int max = s != null && s.maxLength() != null ? Math.max(min, s.maxLength()) : 16;
    int n = min + random.nextInt(max - min + 1);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.toString();
  }
}
