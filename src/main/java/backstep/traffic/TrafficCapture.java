package backstep.traffic;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.traffic.StatementStats.Totals;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.ParamType;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Captures a target's traffic: reads its statement statistics, waits the interval, reads them again, and turns the
 * difference into a {@link TrafficProfile}. Each read or write shape is prepared on the source (never executed) to
 * prove it parses and, on PostgreSQL, to learn its parameters' types; the columns its parameters meet are sampled
 * for a summary. Statements that are neither reads nor writes, and the statistics and catalog reads of tools like
 * this one, are left out and counted in the notes. Nothing is written to the target.
 */
public final class TrafficCapture {
  /** Text of statements that are monitoring or catalog reads, not the application's traffic. */
  private static final Pattern NOT_TRAFFIC = Pattern.compile("(?i)pg_stat_|performance_schema|pg_catalog|"
      + "information_schema|pg_prepared_statements|backstep_|@@|pg_extension|pg_database");

  /** How the capture waits out its interval (tests pass one that does not sleep). */
  @FunctionalInterface
  public interface Wait {
    void sleep(Duration d) throws InterruptedException;
  }

  /** A capture that cannot be made here: statistics switched off, or the target unreachable. */
  public static final class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
      super(message);
    }
  }

  private final Clock clock;
  private final Wait wait;

  public TrafficCapture(Clock clock, Wait wait) {
    this.clock = clock;
    this.wait = wait;
  }

  /** Captures {@code db}'s traffic over {@code interval}. */
  public TrafficProfile capture(Database db, Duration interval) throws CaptureException, InterruptedException {
    Dialect dialect = db.dialect();
    try (Connection c = db.openDedicated("backstep-traffic-capture")) {
      String why = StatementStats.unavailable(c, dialect);
      if (why != null) {
        throw new CaptureException(db.spec().name() + ": " + why);
      }
      Map<String, Totals> before = StatementStats.read(c, dialect);
      Instant from = clock.instant();
      wait.sleep(interval);
      Map<String, Totals> after = StatementStats.read(c, dialect);
      double seconds = Math.max(0.001, Duration.between(from, clock.instant()).toMillis() / 1000.0);
      return profile(c, dialect, db.spec().name(), from, seconds, StatementStats.delta(before, after));
    } catch (SQLException e) {
      throw new CaptureException(db.spec().name() + ": cannot read statement statistics: " + e.getMessage());
    }
  }

  private static TrafficProfile profile(Connection c, Dialect dialect, String source, Instant from, double seconds,
      Map<String, Totals> ran) throws SQLException {
    boolean pg = dialect == Dialect.POSTGRES;
    ColumnSampler sampler = new ColumnSampler(c, dialect);
    List<Shape> shapes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long tx = 0;
    long monitoring = 0;
    Map<String, Long> other = new TreeMap<>();
    List<Totals> ordered = ran.values().stream().sorted(Comparator.comparingLong(Totals::calls).reversed()
        .thenComparing(Totals::text)).toList();
    for (Totals t : ordered) {
      if (NOT_TRAFFIC.matcher(t.text()).find()) {
        monitoring += t.calls();
        continue;
      }
      String sql = ShapeAnalysis.scrub(pg ? t.text().strip() : DigestText.repair(t.text(), table -> width(sampler,
          table)), pg);
      ShapeAnalysis a = new ShapeAnalysis(sql, pg);
      Kind kind = a.kind();
      if (kind == null) {
        if (a.beginsTransaction()) {
          tx += t.calls();
        } else {
          other.merge(firstWord(sql), t.calls(), Long::sum);
        }
        continue;
      }
      List<ParamType> declared;
      try {
        declared = probe(c, dialect, sql);
      } catch (SQLException e) {
        notes.add(String.format(Locale.ROOT, "left out a %s shape (%d calls) the source cannot prepare: %s (%s)",
            kind.key(), t.calls(), firstLine(e.getMessage()), sql)); // a shape: placeholders, no source value
        continue;
      }
      String id = "s" + (shapes.size() + 1);
      shapes.add(new Shape(id, sql, kind, a.mainTable(), t.calls(), t.calls() / seconds,
          (double) t.rows() / t.calls(), t.totalMs() / t.calls(), params(a, declared, sampler)));
    }
    if (tx > 0) {
      notes.add(String.format(Locale.ROOT, "%d explicit transactions began (%.1f/s); a replay runs each statement "
          + "in a transaction of its own", tx, tx / seconds));
    }
    if (!other.isEmpty()) {
      notes.add("left out statements that neither read nor write: " + String.join(", ", other.entrySet().stream()
          .map(e -> e.getKey() + " ×" + e.getValue()).toList()));
    }
    if (monitoring > 0) {
      notes.add(monitoring + " calls of statistics and catalog reads left out");
    }
    return new TrafficProfile(TrafficProfile.FORMAT, dialect.family().key(), source, from, seconds, tx / seconds,
        shapes, notes);
  }

  private static int width(ColumnSampler sampler, String table) {
    try {
      return sampler.columns(table).size();
    } catch (SQLException e) {
      return 0;
    }
  }

  private static List<Param> params(ShapeAnalysis a, List<ParamType> declared, ColumnSampler sampler)
      throws SQLException {
    Map<String, String> tables = a.tables();
    List<Param> out = new ArrayList<>();
    for (ShapeAnalysis.Site s : a.sites()) {
      String table = s.column() == null ? null : tableOf(s, tables, sampler);
      String column = table == null ? null : sampler.column(table, s.column());
      ParamType type = s.n() <= declared.size() ? declared.get(s.n() - 1) : null;
      if (table != null && (type == null || type == ParamType.OTHER)) {
        type = sampler.columns(table).getOrDefault(column, ParamType.OTHER);
      }
      if (type == null) {
        type = s.role() == Role.LIMIT ? ParamType.INTEGER : ParamType.OTHER;
      }
      out.add(new Param(s.n(), table == null ? null : table + "." + column, type, s.role(),
          table == null ? null : sampler.stats(table, column), table != null && s.role() == Role.VALUE
          && sampler.unique(table, column), table == null || s.role() != Role.VALUE ? null
          : sampler.references(table, column)));
    }
    out.sort(Comparator.comparingInt(Param::n));
    return out;
  }

  /** The table whose column a site meets: its qualifier's, else the first of the statement's that has it. */
  private static String tableOf(ShapeAnalysis.Site s, Map<String, String> tables, ColumnSampler sampler)
      throws SQLException {
    if (s.qualifier() != null) {
      String t = tables.get(s.qualifier());
      return t != null && sampler.column(t, s.column()) != null ? t : null;
    }
    for (String t : tables.values().stream().distinct().toList()) {
      if (sampler.column(t, s.column()) != null) {
        return t;
      }
    }
    return null;
  }

  /**
   * Prepares the shape on the source without running it; the parameter types PostgreSQL inferred, in order (an
   * empty list on MySQL, which does not say).
   */
  private static List<ParamType> probe(Connection c, Dialect dialect, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect != Dialect.POSTGRES) {
        st.execute("PREPARE backstep_probe FROM '" + sql.replace("\\", "\\\\").replace("'", "''") + "'");
        st.execute("DEALLOCATE PREPARE backstep_probe");
        return List.of();
      }
      st.execute("PREPARE backstep_probe AS " + sql);
      try (ResultSet rs = st.executeQuery("SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = "
          + "'backstep_probe'")) {
        List<ParamType> out = new ArrayList<>();
        if (rs.next()) {
          Array arr = rs.getArray(1);
          for (Object o : (Object[]) arr.getArray()) {
            out.add(ColumnSampler.type((String) o));
          }
        }
        return out;
      } finally {
        st.execute("DEALLOCATE backstep_probe");
      }
    }
  }

  private static String firstWord(String sql) {
    String w = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return w.length() > 20 ? w.substring(0, 20) : w;
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse("");
  }
}
