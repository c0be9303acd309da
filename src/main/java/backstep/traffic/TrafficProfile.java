package backstep.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A captured traffic profile: the statements a target ran over an interval, as shapes (the text with placeholders
 * where the source had values), how often each ran, and how to draw its parameters. Nothing in it is a value read
 * from the source: parameters carry a type, the column they meet and a distribution summary (how many distinct
 * values, the share of NULLs, an order of magnitude, a length range).
 *
 * @param family {@code postgresql} or {@code mysql}, the SQL the shapes are written in
 * @param source the target's name
 * @param seconds the length of the capture interval
 * @param transactionsPerSecond explicit transactions begun per second (BEGIN / START TRANSACTION), for information:
 *     a replay runs each statement in its own transaction
 * @param notes what the capture left out, and why
 */
public record TrafficProfile(int format, String family, String source, Instant capturedAt, double seconds,
    double transactionsPerSecond, List<Shape> shapes, List<String> notes) {

  public static final int FORMAT = 1;

  public TrafficProfile {
    shapes = List.copyOf(shapes);
    notes = List.copyOf(notes);
  }

  /** Statements per second over all shapes. */
  public double rate() {
    return shapes.stream().mapToDouble(Shape::perSecond).sum();
  }

  /** The share of reads among the statements (0..1; NaN when there are none). */
  public double readShare() {
    double all = rate();
    return all == 0 ? Double.NaN : shapes.stream().filter(s -> s.kind() == Kind.READ).mapToDouble(Shape::perSecond)
        .sum() / all;
  }

  /** The tables the profile's writes name (a drill leaves their data out of its restore check). */
  public List<String> writtenTables() {
    return shapes.stream().filter(s -> s.kind() == Kind.WRITE).map(Shape::table).filter(t -> t != null)
        .distinct().toList();
  }

  /** Whether a statement reads or writes. */
  public enum Kind {
    READ, WRITE;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a parameter does: meets a column's existing values, gives a column a value, or bounds a result. */
  public enum Role {
    MATCH, VALUE, LIMIT;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The kinds of value a replay can draw. */
  public enum ParamType {
    INTEGER, DECIMAL, TEXT, TIMESTAMP, DATE, BOOLEAN, UUID, OTHER;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One statement shape.
   *
   * @param sql the statement with placeholders ({@code $n} for PostgreSQL, {@code ?} for MySQL)
   * @param table the table the statement writes (or first reads), or null
   * @param perSecond calls per second during the capture
   */
  public record Shape(String id, String sql, Kind kind, String table, long calls, double perSecond,
      double rowsPerCall, double meanMs, List<Param> params) {
    public Shape {
      params = List.copyOf(params);
    }

    /** The statement as JDBC takes it ({@code ?} placeholders) and, for each {@code ?}, the parameter it binds. */
    public Jdbc jdbc() {
      return Placeholders.jdbc(sql);
    }

    /** The parameter numbered {@code n}, or null. */
    public Param param(int n) {
      return params.stream().filter(p -> p.n() == n).findFirst().orElse(null);
    }
  }

  /** A statement for {@code prepareStatement}, and the parameter number each {@code ?} binds, in order. */
  public record Jdbc(String sql, List<Integer> binds) {
    public Jdbc {
      binds = List.copyOf(binds);
    }
  }

  /**
   * One parameter of a shape.
   *
   * @param column {@code table.column} it meets or sets, when the capture could tell; else null
   * @param stats a summary of that column's values on the source (null when there is no column)
   * @param unique whether the column alone is a primary or unique key (a replay gives it fresh values)
   * @param references {@code table.column} the column's foreign key refers to (a replay draws values from there), or
   *     null
   */
  public record Param(int n, String column, ParamType type, Role role, Stats stats, boolean unique,
      String references) {
    /** Few distinct values against those sampled: a category, whose values a replay takes from the target's. */
    public boolean categorical() {
      return stats != null && stats.sampled() >= 20 && stats.distinct() <= 50 && stats.distinct() * 10
          <= stats.sampled();
    }
  }

  /**
   * What a sample of a column's values looked like, with no value itself.
   *
   * @param sampled values looked at
   * @param distinct distinct values among them
   * @param nulls the share of NULLs (0..1)
   * @param magnitude numbers: a power of ten at least as large as every absolute value (null otherwise)
   * @param signed numbers: whether some were negative
   * @param minLength text: the shortest length (null otherwise)
   * @param maxLength text: the longest length
   */
  public record Stats(long sampled, long distinct, double nulls, Long magnitude, Boolean signed, Integer minLength,
      Integer maxLength) {}
}
