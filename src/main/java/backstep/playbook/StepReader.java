package backstep.playbook;

import backstep.playbook.YamlTree.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a playbook's {@code steps:} list: each step by its kind (manual, gate, snapshot, flag and observe here; sql
 * through {@link SqlStepReader}), ids and their uniqueness, recovery references to earlier snapshot steps, and each
 * step's {@code lint:} section. Text only: no connection.
 */
final class StepReader {
  private static final Pattern RECOVERY_REF = Pattern.compile("\\$\\{recovery\\.([^}]*)}");

  private final YamlObject top;
  private final YamlObject.Problems problems;
  private final SqlStepReader sqlSteps;
  private final Map<String, LintIgnore> lintIgnores = new HashMap<>();

  StepReader(YamlObject top, SqlStepReader sqlSteps) {
    this.top = top;
    this.problems = top.problems();
    this.sqlSteps = sqlSteps;
  }

  /** The lint sections of the steps read so far, by step id. */
  Map<String, LintIgnore> lintIgnores() {
    return lintIgnores;
  }

  List<Step> steps(Guards defaults) {
    List<Step> steps = new ArrayList<>();
    Optional<Node> node = top.required("steps");
    if (node.isEmpty()) {
      return steps;
    }
    List<Node> items = top.list(node.get(), "steps");
    if (items.isEmpty() && node.get() instanceof YamlTree.ListNode) {
      problems.add(node.get(), "steps", "a playbook needs at least one step");
    }
    Map<String, String> seen = new HashMap<>();
    Set<String> snapshots = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "steps[" + i + "]";
      Optional<YamlObject> o = YamlObject.of(items.get(i), at, problems);
      if (o.isEmpty()) {
        continue;
      }
      Step s = step(o.get(), defaults);
      if (s == null) {
        continue;
      }
      String prev = seen.putIfAbsent(s.id(), at);
      if (prev != null) {
        problems.add(o.get().get("id").orElse(items.get(i)), at + ".id",
            "duplicate step id '" + s.id() + "' (also " + prev + ")");
      }
      if (s instanceof SqlStep sql) {
        checkRecoveryRefs(o.get(), sql, snapshots);
      }
      if (s instanceof SnapshotStep) {
        snapshots.add(s.id());
      }
      steps.add(s);
    }
    return steps;
  }

  private ObserveStep observe(YamlObject o, String id, String title, String intent, int line) {
    Duration duration = o.duration("duration").orElse(null);
    Duration replicas = o.duration("wait_for_replicas").orElse(null);
    if (replicas != null && (replicas.isZero() || replicas.compareTo(Duration.ofHours(24)) > 0)) {
      problems.add(o.get("wait_for_replicas").get(), o.child("wait_for_replicas"), "between 1ms and 24h (how long "
          + "the replicas may take to catch up)");
    }
    if (duration == null && !o.has("duration") && !o.has("wait_for_replicas")) {
      problems.add(o.node(), o.child("duration"), "missing: how long to observe (e.g. 30s), or wait_for_replicas");
    } else if (duration != null && (duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0)) {
      problems.add(o.get("duration").get(), o.child("duration"), "between 1ms and 24h");
    }
    int min = o.integer("min_samples").orElse(0);
    if (min < 0) {
      problems.add(o.get("min_samples").get(), o.child("min_samples"), "0 or more (0: half the duration's samples)");
    }
    Duration soak = duration != null ? duration : o.has("duration") || replicas == null ? Duration.ofSeconds(1)
        : Duration.ZERO;
    return new ObserveStep(id, title, intent, soak, Math.max(0, min), replicas, line);
  }

  private void checkRecoveryRefs(YamlObject o, SqlStep step, Set<String> snapshots) {
    for (SqlText t : List.of(step.forward(), step.rollback())) {
      for (DialectFamily f : t.families()) {
        for (SqlText.Stmt st : t.statements(f)) {
          java.util.regex.Matcher m = RECOVERY_REF.matcher(st.sql());
          while (m.find()) {
            if (!snapshots.contains(m.group(1))) {
              problems.add(st.line(), 1, o.child("rollback"), "${recovery." + m.group(1) + "} names no snapshot "
                  + "step before this one");
            }
          }
        }
      }
    }
  }

  private Step step(YamlObject o, Guards defaults) {
    String id = o.requiredString("id").orElse("");
    if (!id.isEmpty() && !PlaybookLoader.ID.matcher(id).matches()) {
      problems.add(o.get("id").get(), o.child("id"), "use letters, digits, '-', '_' or '.' (at most 100)");
    }
    String kind = o.requiredString("kind").orElse("");
    String title = o.requiredString("title").orElse(id);
    String intent = o.string("intent").orElse("");
    int line = o.node().line();
    Step s = switch (kind) {
      case "sql" -> sqlSteps.read(o, id, title, intent, defaults, line);
      case "manual" -> new ManualStep(id, title, intent, o.requiredString("instruction").orElse(""),
          o.string("rollback_instruction").orElse(""), line);
      case "gate" -> new GateStep(id, title, intent, o.string("prompt").orElse(title),
          o.bool("approval").orElse(false), line);
      case "snapshot" -> new SnapshotStep(id, title, intent, identifier(o, "table", "missing"),
          columnList(o, "key", true), columnList(o, "columns", false), o.string("where").orElse(null), line);
      case "flag" -> new FlagStep(id, title, intent, o.requiredString("flag").orElse(""),
          o.bool("value").orElse(true), identifier(o, "table", "feature_flags"),
          identifier(o, "key_column", "name"), identifier(o, "value_column", "enabled"), line);
      case "observe" -> observe(o, id, title, intent, line);
      case "" -> null;
      default -> {
        problems.add(o.get("kind").get(), o.child("kind"), "unknown kind '" + kind
            + "' (allowed: sql, manual, flag, gate, snapshot, observe)");
        yield null;
      }
    };
    if (s != null) {
      LintSection.read(o).ifPresent(l -> lintIgnores.put(id, l));
      o.finish();
    }
    return s;
  }

  private List<String> columnList(YamlObject o, String key, boolean required) {
    if (required && !o.has(key)) {
      problems.add(o.node(), o.child(key), "missing: the columns that identify a row, so a restore can join back");
      return List.of();
    }
    List<String> cols = o.strings(key);
    for (String c : cols) {
      if (!c.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        problems.add(o.get(key).orElse(o.node()), o.child(key), "not a plain column name: '" + c + "'");
      }
    }
    return cols;
  }

  private String identifier(YamlObject o, String key, String dflt) {
    String v = o.string(key).orElse(dflt);
    if (!v.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
      problems.add(o.get(key).orElse(o.node()), o.child(key), "not a plain SQL identifier: '" + v + "'");
    }
    return v;
  }
}
