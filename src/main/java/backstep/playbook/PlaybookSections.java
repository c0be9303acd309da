package backstep.playbook;

import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a playbook's measuring sections — {@code checks:}, and {@code telemetry:}, {@code canary:} and
 * {@code guards:} — with the same path-aware problem reporting as the rest of the loader.
 */
final class PlaybookSections {
  /** Parses SQL text (one string, or per-dialect variants) at a field path. */
  interface SqlReader {
    SqlText read(Node n, String path);
  }

  private final YamlObject top;
  private final YamlObject.Problems problems;
  private final SqlReader sqlReader;
  private final boolean proofRequired;

  /** @param proofRequired whether a {@code sql} check must read an object (see {@link ProofQuery}) */
  PlaybookSections(YamlObject top, SqlReader sql, boolean proofRequired) {
    this.top = top;
    this.problems = top.problems();
    this.sqlReader = sql;
    this.proofRequired = proofRequired;
  }

  private static final Pattern TABLE_COLS = Pattern.compile("\\s*([A-Za-z_][\\w.]*)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern ORPHAN = Pattern.compile(
      "\\s*([A-Za-z_][\\w.]*)\\s*\\(([^)]*)\\)\\s*->\\s*([A-Za-z_][\\w.]*)\\s*\\(([^)]*)\\)\\s*");

  List<CheckSpec> checks() {
    List<CheckSpec> out = new ArrayList<>();
    top.get("checks").ifPresent(n -> {
      List<Node> items = top.list(n, "checks");
      Map<String, String> names = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        String at = "checks[" + i + "]";
        YamlObject.of(items.get(i), at, problems).ifPresent(c -> {
          CheckSpec spec = check(c);
          if (spec != null) {
            String prev = names.putIfAbsent(spec.name(), at);
            if (prev != null) {
              problems.add(c.node(), at + ".name", "duplicate check name '" + spec.name() + "' (also " + prev + ")");
            }
            out.add(spec);
          }
        });
      }
    });
    return out;
  }

  private CheckSpec check(YamlObject c) {
    String name = c.requiredString("name").orElse("?");
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("row_count", "checksum", "duplicates", "orphans", "nulls", "sql")) {
      if (c.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      problems.add(c.node(), c.path(), kinds.isEmpty()
          ? "say what to check: one of row_count, checksum, duplicates, orphans, nulls, sql"
          : "one check per entry, found " + String.join(" and ", kinds));
      c.finish();
      return null;
    }
    String kind = kinds.get(0);
    String table = null;
    List<String> cols = List.of();
    String refTable = null;
    List<String> refCols = List.of();
    SqlText sql = null;
    CheckSpec.Kind k = CheckSpec.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    if (k == CheckSpec.Kind.SQL) {
      Optional<Node> node = c.get("sql");
      sql = node.map(n -> sqlReader.read(n, c.child("sql"))).orElse(null);
      if (sql != null) {
        ProofQuery.check(sql, node.get(), c.child("sql"), problems, proofRequired,
            SqlStepReader.VERIFY_READS_ONLY);
      }
    } else {
      String v = c.string(kind).orElse("").trim();
      java.util.regex.Matcher m;
      switch (k) {
        case ROW_COUNT, CHECKSUM -> table = v;
        case NULLS -> {
          int dot = v.lastIndexOf('.');
          if (dot <= 0) {
            problems.add(c.get(kind).get(), c.child(kind), "write table.column, e.g. customers.email_verified");
          } else {
            table = v.substring(0, dot);
            cols = List.of(v.substring(dot + 1));
          }
        }
        case DUPLICATES -> {
          m = TABLE_COLS.matcher(v);
          if (m.matches()) {
            table = m.group(1);
            cols = splitCols(m.group(2));
          } else {
            problems.add(c.get(kind).get(), c.child(kind), "write table(col, ...), e.g. customers(email)");
          }
        }
        default -> {
          m = ORPHAN.matcher(v);
          if (m.matches()) {
            table = m.group(1);
            cols = splitCols(m.group(2));
            refTable = m.group(3);
            refCols = splitCols(m.group(4));
          } else if (!v.equals("all")) {
            problems.add(c.get(kind).get(), c.child(kind),
                "write all, or child(cols) -> parent(cols), e.g. orders(customer_id) -> customers(id)");
          }
        }
      }
    }
    Expectation expect = null;
    boolean same = false;
    Optional<String> sameAs = c.string("expect_same_as");
    if (sameAs.isPresent()) {
      same = true;
      if (!sameAs.get().equals("before")) {
        problems.add(c.get("expect_same_as").get(), c.child("expect_same_as"), "only 'before' is supported");
      }
    }
    if (c.written("expect")) {
      Node e = c.get("expect").orElse(null);
      try {
        expect = Expectation.parse(e instanceof ScalarNode s ? s.text() : null);
      } catch (NumberFormatException ex) {
        problems.add(e == null ? c.node() : e, c.child("expect"), "a comparison needs a number, e.g. \"> 1000\"");
      }
      if (expect != null && expect.onlyRuns()) {
        problems.add(e, c.child("expect"), "'runs' is for verify queries only: a check compares a value (write "
            + "\"= runs\" for the text runs)");
      }
    }
    if (expect != null && same) {
      problems.add(c.node(), c.path(), "use expect or expect_same_as, not both");
    }
    if (expect == null && !same) {
      if (k == CheckSpec.Kind.DUPLICATES || k == CheckSpec.Kind.ORPHANS || k == CheckSpec.Kind.NULLS) {
        expect = Expectation.parse("0");
      } else {
        problems.add(c.node(), c.child("expect"), "missing: say what the value must be (expect: ...) or "
            + "expect_same_as: before");
      }
    }
    java.util.Set<CheckSpec.Phase> when = java.util.EnumSet.noneOf(CheckSpec.Phase.class);
    List<String> phases = c.strings("when");
    for (String ph : phases.isEmpty() ? List.of("after_forward", "after_rollback") : phases) {
      try {
        when.add(CheckSpec.Phase.valueOf(ph.toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException ex) {
        problems.add(c.get("when").orElse(c.node()), c.child("when"), "unknown phase '" + ph
            + "' (before, after_step, after_forward, after_rollback)");
      }
    }
    boolean rollback = false;
    Optional<String> onFail = c.string("on_fail");
    if (onFail.isPresent()) {
      rollback = onFail.get().equals("rollback");
      if (!rollback && !onFail.get().equals("stop")) {
        problems.add(c.get("on_fail").get(), c.child("on_fail"), "use stop or rollback");
      }
    }
    boolean fullScan = c.bool("full_scan").orElse(false);
    if (c.written("full_scan") && k != CheckSpec.Kind.ORPHANS) {
      problems.add(c.get("full_scan").orElse(c.node()), c.child("full_scan"), "only an orphans check has full_scan");
    }
    c.finish();
    return new CheckSpec(name, k, table, cols, refTable, refCols, sql, expect, same, when, rollback, fullScan,
        c.node().line());
  }

  private List<String> splitCols(String s) {
    return java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  Monitoring monitoring() {
    Duration interval = Monitoring.NONE.interval();
    Duration baseline = Monitoring.NONE.baseline();
    Optional<YamlObject> t = top.get("telemetry").flatMap(n -> YamlObject.of(n, "telemetry", problems));
    if (t.isPresent()) {
      interval = t.get().duration("interval").orElse(interval);
      baseline = t.get().duration("baseline").orElse(baseline);
      if (interval.toMillis() < 100) {
        problems.add(t.get().node(), "telemetry.interval", "must be at least 100ms");
      }
      t.get().finish();
    }
    Optional<Node> canaryNode = top.get("canary");
    SqlText canary = canaryNode.map(n -> sqlReader.read(n, "canary")).orElse(null);
    if (canary != null) {
      ProofQuery.check(canary, canaryNode.get(), "canary", problems, false, "the canary must only read, because it "
          + "runs on every sample while the change runs");
    }
    List<GuardRule> rules = new ArrayList<>();
    top.get("guards").ifPresent(n -> {
      List<Node> items = top.list(n, "guards");
      for (int i = 0; i < items.size(); i++) {
        YamlObject.of(items.get(i), "guards[" + i + "]", problems).ifPresent(g -> rules.add(guard(g)));
      }
    });
    boolean needsCanary = rules.stream().anyMatch(r -> r.metric().equals("canary_ms"));
    if (needsCanary && canary == null) {
      problems.add(top.node(), "canary", "missing: a guard watches canary_ms, so the playbook needs a canary query");
    }
    return new Monitoring(interval, baseline, canary, rules);
  }

  private GuardRule guard(YamlObject g) {
    String metric = g.requiredString("metric").orElse("probe_ms");
    if (!GuardRule.METRICS.contains(metric)) {
      problems.add(g.get("metric").orElse(g.node()), g.child("metric"), "unknown metric '" + metric + "' (known: "
          + String.join(", ", GuardRule.METRICS.stream().sorted().toList()) + ")");
    }
    // p50 for latencies: the verdict aggregates every sample in the window, and the p95 of a window's few samples
    // is its largest — one spike would be a sustained breach
    String agg = g.string("aggregate").orElse(metric.endsWith("_ms") && !metric.startsWith("longest")
        ? "p50" : "latest");
    if (!GuardRule.AGGREGATES.contains(agg)) {
      problems.add(g.get("aggregate").get(), g.child("aggregate"), "unknown aggregate '" + agg + "' (known: "
          + String.join(", ", GuardRule.AGGREGATES.stream().sorted().toList()) + ")");
    }
    Duration window = g.duration("window").orElse(Duration.ofSeconds(5));
    Duration over = g.duration("over").orElse(window);
    GuardRule.Breach breach = g.get("breach").flatMap(n -> YamlObject.of(n, g.child("breach"), problems))
        .map(this::breach).orElse(null);
    double floor = Double.NaN;
    Optional<String> floorText = g.string("baseline_floor");
    if (floorText.isPresent()) {
      try {
        floor = Double.parseDouble(floorText.get().trim());
      } catch (NumberFormatException e) {
        floor = -1;
      }
      if (!(floor >= 0)) {
        problems.add(g.get("baseline_floor").get(), g.child("baseline_floor"), "expected a number of the metric's "
            + "unit, 0 or more, found '" + floorText.get() + "'");
        floor = Double.NaN;
      }
    }
    double threshold = 0;
    boolean relative = false;
    Optional<String> above = g.requiredString("above");
    if (above.isPresent()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(x\\s*baseline)?\\s*")
          .matcher(above.get());
      if (m.matches()) {
        threshold = Double.parseDouble(m.group(1));
        relative = m.group(2) != null;
      } else {
        problems.add(g.get("above").get(), g.child("above"), "expected a number (200) or a factor of the "
            + "baseline (3x baseline), found '" + above.get() + "'");
      }
    }
    GuardRule.Action action = GuardRule.Action.ALERT;
    Optional<String> a = g.string("action");
    if (a.isPresent()) {
      try {
        action = GuardRule.Action.valueOf(a.get().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(g.get("action").get(), g.child("action"), "unknown action '" + a.get()
            + "' (allowed: alert, pause, rollback)");
      }
    }
    g.finish();
    return new GuardRule(metric, agg, over, threshold, relative, window, action, breach, floor, g.node().line());
  }

  /** {@code breach: {samples: 4, of: 5}}: at least 4 of the last 5 samples above the threshold. */
  private GuardRule.Breach breach(YamlObject b) {
    int of = b.integer("of").orElse(0);
    int k = b.integer("samples").orElse(0);
    b.finish();
    if (of < 1 || of > 1000 || k < 1 || k > of) {
      problems.add(b.node(), b.path(), "expected {samples: k, of: n} with 1 ≤ k ≤ n ≤ 1000, found samples " + k
          + ", of " + of);
      return null;
    }
    return new GuardRule.Breach(k, of);
  }
}
