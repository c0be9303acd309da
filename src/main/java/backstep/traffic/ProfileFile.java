package backstep.traffic;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.ParamType;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import backstep.traffic.TrafficProfile.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The profile file: YAML a person can read and review before it leaves the source's network (shapes, rates,
 * distributions; derived totals as comments). Loading validates all of it and names file, line and field for each
 * problem, as playbooks do.
 */
public final class ProfileFile {
  private ProfileFile() {
  }

  public static void write(TrafficProfile p, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, text(p));
  }

  /** The profile as YAML. */
  public static String text(TrafficProfile p) {
    StringBuilder y = new StringBuilder();
    y.append(String.format(Locale.ROOT, "# Backstep traffic profile of %s, captured over %.1f s.%n", p.source(),
        p.seconds()));
    y.append("# Shapes keep placeholders where the source had values; parameters keep distributions, no values.\n");
    y.append(String.format(Locale.ROOT, "# %.1f statements/s, %.1f%% reads%n", p.rate(), p.readShare() * 100));
    y.append("format: ").append(p.format()).append('\n');
    y.append("family: ").append(p.family()).append('\n');
    y.append("source: ").append(Json.compact(p.source())).append('\n');
    y.append("captured_at: ").append(p.capturedAt()).append('\n');
    y.append("seconds: ").append(num(p.seconds())).append('\n');
    y.append("transactions_per_second: ").append(num(p.transactionsPerSecond())).append('\n');
    y.append("statements:\n");
    for (Shape s : p.shapes()) {
      y.append("  - id: ").append(s.id()).append('\n');
      y.append("    sql: ").append(Json.compact(s.sql())).append('\n');
      y.append("    kind: ").append(s.kind().key()).append('\n');
      if (s.table() != null) {
        y.append("    table: ").append(Json.compact(s.table())).append('\n');
      }
      y.append("    calls: ").append(s.calls()).append('\n');
      y.append("    per_second: ").append(num(s.perSecond())).append('\n');
      y.append("    rows_per_call: ").append(num(s.rowsPerCall())).append('\n');
      y.append("    mean_ms: ").append(num(s.meanMs())).append('\n');
      if (!s.params().isEmpty()) {
        y.append("    params:\n");
        s.params().forEach(pa -> y.append("      - ").append(param(pa)).append('\n'));
      }
    }
    if (!p.notes().isEmpty()) {
      y.append("notes:\n");
      p.notes().forEach(n -> y.append("  - ").append(Json.compact(n)).append('\n'));
    }
    return y.toString();
  }

  private static String param(Param p) {
    List<String> f = new ArrayList<>();
    f.add("n: " + p.n());
    if (p.column() != null) {
      f.add("column: " + Json.compact(p.column()));
    }
    f.add("type: " + p.type().key());
    f.add("role: " + p.role().key());
    if (p.unique()) {
      f.add("unique: true");
    }
    if (p.references() != null) {
      f.add("references: " + Json.compact(p.references()));
    }
    Stats s = p.stats();
    if (s != null) {
      f.add("sampled: " + s.sampled());
      f.add("distinct: " + s.distinct());
      f.add("nulls: " + num(s.nulls()));
      if (s.magnitude() != null) {
        f.add("magnitude: " + s.magnitude());
        f.add("signed: " + s.signed());
      }
      if (s.minLength() != null) {
        f.add("min_length: " + s.minLength());
        f.add("max_length: " + s.maxLength());
      }
    }
    return "{" + String.join(", ", f) + "}";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v).replaceFirst("0+$", "").replaceFirst("\\.$", ".0");
  }

  public static TrafficProfile load(Path file) throws InvalidFileException {
    return parse(file, PlaybookLoader.read(file));
  }

  public static TrafficProfile parse(Path file, String text) throws InvalidFileException {
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    YamlObject top = YamlObject.of(root, "", problems).orElseThrow(() ->
        new InvalidFileException(file, problems.list()));
    int format = top.integer("format").orElse(TrafficProfile.FORMAT);
    if (format != TrafficProfile.FORMAT) {
      problems.add(top.get("format").get(), "format", "this Backstep reads profile format " + TrafficProfile.FORMAT
          + ", not " + format);
    }
    String family = top.requiredString("family").orElse("postgresql");
    if (!family.equals("postgresql") && !family.equals("mysql")) {
      problems.add(top.get("family").get(), "family", "use postgresql or mysql");
    }
    String source = top.string("source").orElse("");
    Instant at = top.string("captured_at").map(s -> {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        problems.add(top.get("captured_at").get(), "captured_at", "expected an ISO-8601 instant, found '" + s + "'");
        return Instant.EPOCH;
      }
    }).orElse(Instant.EPOCH);
    double seconds = number(top, "seconds", true).orElse(1.0);
    double tx = number(top, "transactions_per_second", false).orElse(0.0);
    List<Shape> shapes = new ArrayList<>();
    Optional<YamlTree.Node> list = top.required("statements");
    if (list.isPresent()) {
      List<YamlTree.Node> items = top.list(list.get(), "statements");
      for (int i = 0; i < items.size(); i++) {
        YamlObject.of(items.get(i), "statements[" + i + "]", problems).ifPresent(o -> shapes.add(shape(o)));
      }
      if (items.isEmpty()) {
        problems.add(list.get(), "statements", "a profile needs at least one statement to replay");
      }
    }
    List<String> notes = top.strings("notes");
    top.finish();
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    return new TrafficProfile(format, family, source, at, seconds, tx, shapes, notes);
  }

  private static Shape shape(YamlObject o) {
    String id = o.requiredString("id").orElse("?");
    String sql = o.requiredString("sql").orElse("");
    Kind kind = choice(o, "kind", Kind.values(), Kind::key).orElse(Kind.READ);
    String table = o.string("table").orElse(null);
    long calls = o.longValue("calls").orElse(0L);
    double perSecond = number(o, "per_second", true).orElse(0.0);
    double rows = number(o, "rows_per_call", false).orElse(0.0);
    double mean = number(o, "mean_ms", false).orElse(0.0);
    List<Param> params = new ArrayList<>();
    o.get("params").ifPresent(n -> {
      List<YamlTree.Node> items = o.list(n, o.child("params"));
      for (int i = 0; i < items.size(); i++) {
        YamlObject.of(items.get(i), o.child("params") + "[" + i + "]", o.problems()).ifPresent(p -> params.add(
            param(p)));
      }
    });
    List<Integer> binds = Placeholders.jdbc(sql).binds();
    for (int b : binds) {
      if (params.stream().noneMatch(p -> p.n() == b)) {
        o.problems().add(o.get("sql").orElse(o.node()), o.child("sql"), "placeholder " + b + " has no entry "
            + "under params");
      }
    }
    o.finish();
    return new Shape(id, sql, kind, table, calls, perSecond, rows, mean, params);
  }

  private static Param param(YamlObject p) {
    int n = p.integer("n").orElse(0);
    if (n < 1) {
      p.problems().add(p.get("n").orElse(p.node()), p.child("n"), "a placeholder number, 1 or more");
    }
    String column = p.string("column").orElse(null);
    ParamType type = choice(p, "type", ParamType.values(), ParamType::key).orElse(ParamType.OTHER);
    Role role = choice(p, "role", Role.values(), Role::key).orElse(Role.VALUE);
    boolean unique = p.bool("unique").orElse(false);
    String references = p.string("references").orElse(null);
    if (references != null && !references.contains(".")) {
      p.problems().add(p.get("references").get(), p.child("references"), "write table.column");
    }
    Stats stats = null;
    if (p.has("sampled")) {
      long sampled = p.longValue("sampled").orElse(0L);
      long distinct = p.longValue("distinct").orElse(0L);
      double nulls = number(p, "nulls", false).orElse(0.0);
      Long magnitude = p.longValue("magnitude").orElse(null);
      Boolean signed = p.bool("signed").orElse(null);
      Integer min = p.integer("min_length").orElse(null);
      Integer max = p.integer("max_length").orElse(null);
      stats = new Stats(sampled, distinct, nulls, magnitude, signed, min, max);
    }
    p.finish();
    return new Param(n, column, type, role, stats, unique, references);
  }

  private static <E> Optional<E> choice(YamlObject o, String key, E[] values, Function<E, String> name) {
    return o.string(key).flatMap(s -> {
      Optional<E> e = Arrays.stream(values).filter(v -> name.apply(v).equals(s)).findFirst();
      if (e.isEmpty()) {
        o.problems().add(o.get(key).get(), o.child(key), "unknown " + key + " '" + s + "' (use "
            + String.join(", ", Arrays.stream(values).map(name).toList()) + ")");
      }
      return e;
    });
  }

  private static Optional<Double> number(YamlObject o, String key, boolean required) {
    Optional<String> s = required ? o.requiredString(key) : o.string(key);
    return s.flatMap(v -> {
      try {
        double d = Double.parseDouble(v);
        if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        return Optional.of(d);
      } catch (NumberFormatException e) {
        o.problems().add(o.get(key).get(), o.child(key), "expected a number of 0 or more, found '" + v + "'");
        return Optional.empty();
      }
    });
  }
}
