package backstep.drill;

import backstep.drill.Drill.AutoPolicy;
import backstep.drill.Drill.Expected;
import backstep.drill.Drill.FaultKind;
import backstep.drill.Drill.FaultSpec;
import backstep.drill.Drill.Timing;
import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import backstep.traffic.ProfileFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a drill file, validates all of it in one pass and freezes it into a {@link Drill}. Problems name file,
 * line, column and field path, as for playbooks. The playbook it names is checked for existence here and loaded
 * (and validated) by the caller.
 */
public final class DrillLoader {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Map<FaultKind, Set<String>> PARAMS = Map.of(
      FaultKind.LOCK, Set.of("table", "mode"),
      FaultKind.KILL_CONNECTION, Set.of(),
      FaultKind.SLOW_QUERIES, Set.of("table", "delay"),
      FaultKind.FAIL_STATEMENT, Set.of("table", "on", "where", "message"),
      FaultKind.CORRUPT_ROWS, Set.of("table", "column", "key", "rows", "value"),
      FaultKind.EXHAUST_CONNECTIONS, Set.of("count"),
      FaultKind.STALL_REPLICATION, Set.of("replica"));
  private static final Set<String> REQUIRED = Set.of("table", "column", "value", "count");

  public Drill load(Path file) throws InvalidFileException {
    return parse(file, PlaybookLoader.read(file));
  }

  public Drill parse(Path file, String text) throws InvalidFileException {
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    YamlObject top = YamlObject.of(root, "", problems).orElseThrow(() ->
        new InvalidFileException(file, problems.list()));
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String id = top.string("id").orElse(stem);
    if (!ID.matcher(id).matches()) {
      problems.add(top.get("id").orElse(top.node()), "id", "use letters, digits, '-', '_' or '.' (at most 100)");
    }
    String title = top.requiredString("title").orElse("");
    String briefing = top.requiredString("briefing").orElse("");
    Path playbook = top.requiredString("playbook").map(p -> resolve(file, p)).orElse(null);
    if (playbook != null && !Files.isRegularFile(playbook)) {
      problems.add(top.get("playbook").get(), "playbook", "no such file: " + playbook);
    }
    String target = top.string("target").orElse("sandbox");
    List<String> setup = top.strings("setup");
    WorkloadSpec workload = top.get("workload").flatMap(n -> YamlObject.of(n, "workload", problems))
        .map(w -> w.has("profile") ? replay(file, w) : workload(w)).orElse(WorkloadSpec.NONE);
    Drill.FleetSpec fleet = top.get("fleet").flatMap(n -> YamlObject.of(n, "fleet", problems))
        .map(DrillLoader::fleet).orElse(null);
    List<FaultSpec> faults = faults(top, fleet);
    Timing incident = top.get("incident").flatMap(n -> YamlObject.of(n, "incident", problems)).map(o -> {
      Timing t = timing(o);
      o.finish();
      return t;
    }).orElse(null);
    if (fleet != null && incident != null) {
      problems.add(top.get("incident").get(), "incident", "not in a fleet drill: its incident is its fault, when the "
          + "fault's member starts");
    }
    if (faults.isEmpty() && incident == null) {
      problems.add(top.node(), "faults", "a drill needs at least one fault, or an 'incident' that says when the "
          + "trouble starts (its clock for detect/decide/restore)");
    }
    Expected expected = top.required("expected_response").flatMap(n -> YamlObject.of(n, "expected_response",
        problems)).map(DrillLoader::expected).orElse(new Expected(Expected.Response.ROLLBACK, Duration.ofMinutes(1),
        new AutoPolicy(AutoPolicy.Trigger.ALERT, Duration.ZERO)));
    Drill.Targets targets = top.get("scoring").flatMap(n -> YamlObject.of(n, "scoring", problems))
        .map(DrillLoader::targets).orElse(targets(null));
    List<String> debrief = top.strings("debrief");
    top.finish();
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    return new Drill(id, title, briefing.strip(), file, PlaybookLoader.checksum(text), playbook, target, setup,
        workload, faults, incident, expected, targets, debrief, fleet);
  }

  private static Path resolve(Path drillFile, String p) {
    Path dir = drillFile.toAbsolutePath().getParent();
    Path rel = Path.of(p);
    return rel.isAbsolute() ? rel : dir.resolve(rel).normalize();
  }

  private static WorkloadSpec workload(YamlObject w) {
    int clients = positive(w, "clients", 4, 64);
    int rate = w.integer("rate").orElse(100);
    if (rate < 0) {
      w.problems().add(w.get("rate").get(), w.child("rate"), "must be 0 (as fast as possible) or more");
    }
    int[] mix = {60, 25, 15};
    w.get("mix").flatMap(n -> YamlObject.of(n, w.child("mix"), w.problems())).ifPresent(m -> {
      mix[0] = m.integer("read").orElse(0);
      mix[1] = m.integer("insert").orElse(0);
      mix[2] = m.integer("update").orElse(0);
      if (mix[0] + mix[1] + mix[2] != 100 || mix[0] < 0 || mix[1] < 0 || mix[2] < 0) {
        m.problems().add(m.node(), m.path(), "read + insert + update must add up to 100");
      }
      m.finish();
    });
    Duration baseline = w.duration("baseline").orElse(Duration.ofSeconds(3));
    String[] write = new String[3];
    Map<String, String> fill = new LinkedHashMap<>();
    w.get("write").flatMap(n -> YamlObject.of(n, w.child("write"), w.problems())).ifPresent(o -> {
      write[0] = ident(o, "table", true);
      write[1] = Optional.ofNullable(ident(o, "key", false)).orElse("id");
      write[2] = ident(o, "value", true);
      o.get("fill").flatMap(n -> YamlObject.of(n, o.child("fill"), o.problems())).ifPresent(f -> {
        for (String col : ((YamlTree.MapNode) f.node()).entries().keySet()) {
          if (!IDENT.matcher(col).matches()) {
            f.problems().add(f.node(), f.child(col), "not a plain column name");
          }
          f.string(col).ifPresent(v -> fill.put(col, v));
        }
        f.finish();
      });
      o.finish();
    });
    String[] read = new String[2];
    long[] keys = {0};
    w.get("read").flatMap(n -> YamlObject.of(n, w.child("read"), w.problems())).ifPresent(o -> {
      read[0] = ident(o, "table", true);
      read[1] = Optional.ofNullable(ident(o, "key", false)).orElse("id");
      keys[0] = o.longValue("keys").orElse(1000L);
      o.finish();
    });
    if (mix[1] + mix[2] > 0 && write[0] == null) {
      w.problems().add(w.node(), w.child("write"), "missing (the mix inserts or updates)");
    }
    if (mix[0] > 0 && read[0] == null) {
      w.problems().add(w.node(), w.child("read"), "missing (the mix reads)");
    }
    w.finish();
    return new WorkloadSpec(clients, rate, mix[0], mix[1], mix[2], write[0], write[1], write[2], Map.copyOf(fill),
        read[0], read[1], keys[0], baseline);
  }

  /** {@code workload: {profile: FILE, speed: 2, clients: 4, baseline: 3s}}: a captured profile, replayed. */
  private static WorkloadSpec replay(Path drillFile, YamlObject w) {
    int clients = positive(w, "clients", 4, 64);
    Duration baseline = w.duration("baseline").orElse(Duration.ofSeconds(3));
    double speed = w.string("speed").map(v -> {
      try {
        double d = Double.parseDouble(v.trim().replaceFirst("[x×]$", ""));
        if (d > 0 && d <= 1000) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      w.problems().add(w.get("speed").get(), w.child("speed"), "a speed-up between 0 and 1000 (1 = as captured), "
          + "not '" + v + "'");
      return 1.0;
    }).orElse(1.0);
    for (String synthetic : List.of("rate", "mix", "read", "write")) {
      w.get(synthetic).ifPresent(n -> w.problems().add(n, w.child(synthetic), "not with 'profile': a replay takes "
          + "its rate and mix from the profile (use 'speed' to scale the rate)"));
    }
    String text = w.requiredString("profile").orElse(null);
    w.finish();
    if (text == null) {
      return WorkloadSpec.NONE;
    }
    Path file = resolve(drillFile, text);
    if (!Files.isRegularFile(file)) {
      w.problems().add(w.get("profile").get(), w.child("profile"), "no such file: " + file);
      return WorkloadSpec.NONE;
    }
    try {
      return WorkloadSpec.replay(ProfileFile.load(file), speed, clients, baseline);
    } catch (InvalidFileException e) {
      e.problems().forEach(p -> w.problems().add(w.get("profile").get(), w.child("profile"), "in the profile: "
          + p.format()));
      return WorkloadSpec.NONE;
    }
  }

  private static int positive(YamlObject o, String key, int dflt, int max) {
    int v = o.integer(key).orElse(dflt);
    if (v < 1 || v > max) {
      o.problems().add(o.get(key).orElse(o.node()), o.child(key), "must be between 1 and " + max);
    }
    return v;
  }

  private static String ident(YamlObject o, String key, boolean required) {
    Optional<String> v = required ? o.requiredString(key) : o.string(key);
    if (v.isPresent() && !IDENT.matcher(v.get()).matches()) {
      o.problems().add(o.get(key).get(), o.child(key), "not a plain SQL identifier: '" + v.get() + "'");
    }
    return v.orElse(null);
  }

  /**
   * {@code fleet: {members: 4, canary: 1, wave_size: 2, concurrency: 1, failure_budget: 0}}: the databases a fleet
   * drill creates on its target's server and how the fleet moves through them.
   */
  private static Drill.FleetSpec fleet(YamlObject o) {
    int members = positive(o, "members", 4, 20);
    int canary = o.integer("canary").orElse(1);
    if (canary < 1 || canary >= members) {
      o.problems().add(o.get("canary").orElse(o.node()), o.child("canary"), "the canary is 1 or more of the members, "
          + "and fewer than all " + members + " (a later wave must follow it)");
    }
    int wave = positive(o, "wave_size", 1, 20);
    int concurrency = positive(o, "concurrency", 1, 20);
    int budget = o.integer("failure_budget").orElse(0);
    if (budget < 0) {
      o.problems().add(o.get("failure_budget").get(), o.child("failure_budget"), "must be 0 or more");
    }
    o.finish();
    return new Drill.FleetSpec(members, canary, wave, concurrency, budget);
  }

  private static List<FaultSpec> faults(YamlObject top, Drill.FleetSpec fleet) {
    List<FaultSpec> out = new ArrayList<>();
    Optional<YamlTree.Node> list = top.get("faults");
    if (list.isEmpty()) {
      return out;
    }
    List<YamlTree.Node> items = top.list(list.get(), "faults");
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      YamlObject.of(items.get(i), "faults[" + i + "]", top.problems()).ifPresent(f -> out.add(fault(f, index,
          fleet)));
    }
    return out;
  }

  private static FaultSpec fault(YamlObject f, int index, Drill.FleetSpec fleet) {
    FaultKind kind = f.requiredString("kind").flatMap(k -> {
      try {
        return Optional.of(FaultKind.valueOf(k.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        f.problems().add(f.get("kind").get(), f.child("kind"), "unknown fault kind '" + k + "' (allowed: "
            + String.join(", ", java.util.Arrays.stream(FaultKind.values()).map(FaultKind::key).toList()) + ")");
        return Optional.empty();
      }
    }).orElse(FaultKind.LOCK);
    Map<String, String> params = new LinkedHashMap<>();
    Timing timing = fleet == null ? timing(f) : memberTiming(f, kind, fleet, params);
    Duration duration = f.duration("duration").orElse(null);
    for (String p : PARAMS.get(kind)) {
      Optional<String> v = REQUIRED.contains(p) ? f.requiredString(p) : f.string(p);
      v.ifPresent(x -> params.put(p, x));
    }
    if (kind == FaultKind.KILL_CONNECTION && timing.atStep() == null && fleet == null) {
      f.problems().add(f.node(), f.child("at_step"), "kill_connection needs a step (at_step), whose connection it "
          + "kills");
    }
    if (kind == FaultKind.LOCK && params.containsKey("mode") && !Set.of("share", "exclusive")
        .contains(params.get("mode"))) {
      f.problems().add(f.get("mode").get(), f.child("mode"), "use share or exclusive");
    }
    for (String p : List.of("rows", "count")) {
      // whole numbers, read as such (0x10 or 99999999999 is a problem here, not an exception when the fault starts)
      if (params.containsKey(p)) {
        f.integer(p).filter(n -> n < 1).ifPresent(n -> f.problems().add(f.get(p).get(), f.child(p),
            "must be 1 or more, not " + n));
      }
    }
    for (String p : List.of("table", "column", "key")) {
      if (params.containsKey(p) && !IDENT.matcher(params.get(p)).matches()) {
        f.problems().add(f.get(p).get(), f.child(p), "not a plain SQL identifier: '" + params.get(p) + "'");
      }
    }
    f.finish();
    return new FaultSpec(index, kind, timing, duration, Map.copyOf(params));
  }

  /**
   * A fleet drill's fault: {@code member: N} (1 = the first member in fleet order, the canary first), fired when
   * that member's run starts; {@code at}/{@code at_step} and the kinds that need one run's session are refused.
   */
  private static Timing memberTiming(YamlObject f, FaultKind kind, Drill.FleetSpec fleet,
      Map<String, String> params) {
    Optional<Integer> member = f.integer("member");
    if (f.get("member").isEmpty()) {
      f.problems().add(f.node(), f.child("member"), "missing: a fleet drill's fault strikes one member (1 to "
          + fleet.members() + ", in fleet order, the canary first) when its run starts");
    } else if (member.isPresent() && (member.get() < 1 || member.get() > fleet.members())) {
      f.problems().add(f.get("member").get(), f.child("member"), "must be between 1 and " + fleet.members());
    }
    member.ifPresent(m -> params.put("member", Integer.toString(m)));
    for (String k : List.of("at", "at_step", "when", "after_statements")) {
      f.reserved(k).ifPresent(n -> f.problems().add(n, f.child(k), "not in a fleet drill: the fault fires when its "
          + "member's run starts"));
    }
    if (kind == FaultKind.KILL_CONNECTION || kind == FaultKind.STALL_REPLICATION) {
      f.problems().add(f.get("kind").get(), f.child("kind"), kind.key() + " is not available in a fleet drill "
          + "(allowed: lock, slow_queries, fail_statement, corrupt_rows, exhaust_connections)");
    }
    return new Timing(null, null, Timing.When.BEFORE);
  }

  private static Timing timing(YamlObject o) {
    Optional<Duration> at = o.duration("at");
    Optional<String> step = o.string("at_step");
    Timing.When when = o.string("when").map(w -> {
      try {
        return Timing.When.valueOf(w.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        o.problems().add(o.get("when").get(), o.child("when"), "use before, during or after");
        return Timing.When.BEFORE;
      }
    }).orElse(Timing.When.BEFORE);
    if (at.isPresent() == step.isPresent()) {
      o.problems().add(o.node(), o.path().isEmpty() ? "at" : o.child("at"), "give either 'at' (time after the "
          + "change starts, e.g. 5s) or 'at_step' (a step id, with when: before|during|after)");
    }
    int after = afterStatements(o, step.isPresent());
    return new Timing(at.orElse(null), step.orElse(null), after > 0 ? Timing.When.DURING : when, after);
  }

  /** {@code after_statements: N}: during the step, once N of its statements or batches have finished. */
  private static int afterStatements(YamlObject o, boolean atStep) {
    Optional<YamlTree.Node> node = o.get("after_statements");
    if (node.isEmpty()) {
      return 0;
    }
    Optional<Integer> given = o.integer("after_statements"); // a non-number is reported by integer()
    int n = given.orElse(1);
    String field = o.child("after_statements");
    if (n < 1 || n > 1_000_000) {
      o.problems().add(node.get(), field, "must be a whole number between 1 and 1000000 (statements or batches "
          + "the step has finished)");
    }
    if (!atStep) {
      o.problems().add(node.get(), field, "counts a step's statements: give it with 'at_step'");
    }
    Optional<String> when = o.string("when");
    if (when.isPresent() && !when.get().equalsIgnoreCase("during")) {
      o.problems().add(o.get("when").get(), o.child("when"), "after_statements fires during the step: leave "
          + "'when' out or write 'during'");
    }
    return Math.max(n, 1);
  }

  private static Expected expected(YamlObject o) {
    Expected.Response action = o.requiredString("action").map(a -> switch (a) {
      case "rollback" -> Expected.Response.ROLLBACK;
      case "continue" -> Expected.Response.CONTINUE;
      default -> {
        o.problems().add(o.get("action").get(), o.child("action"), "use rollback or continue");
        yield Expected.Response.ROLLBACK;
      }
    }).orElse(Expected.Response.ROLLBACK);
    Duration within = o.duration("within").orElse(Duration.ofMinutes(1));
    AutoPolicy auto = o.required("auto").flatMap(n -> YamlObject.of(n, o.child("auto"), o.problems())).map(a -> {
      AutoPolicy.Trigger on = a.string("on").map(t -> switch (t) {
        case "alert" -> AutoPolicy.Trigger.ALERT;
        case "step_failed" -> AutoPolicy.Trigger.STEP_FAILED;
        default -> {
          a.problems().add(a.get("on").get(), a.child("on"), "use alert or step_failed");
          yield AutoPolicy.Trigger.ALERT;
        }
      }).orElse(AutoPolicy.Trigger.ALERT);
      Duration after = a.duration("after").orElse(Duration.ZERO);
      a.finish();
      return new AutoPolicy(on, after);
    }).orElse(new AutoPolicy(AutoPolicy.Trigger.ALERT, Duration.ZERO));
    o.finish();
    return new Expected(action, within, auto);
  }

  private static Drill.Targets targets(YamlObject o) {
    if (o == null) {
      return new Drill.Targets(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2), 0, 1.0, 1.0,
          Duration.ofSeconds(30));
    }
    Drill.Targets t = new Drill.Targets(o.duration("detect").orElse(Duration.ofSeconds(30)),
        o.duration("decide").orElse(Duration.ofSeconds(60)), o.duration("restore").orElse(Duration.ofMinutes(2)),
        o.longValue("writes_lost").orElse(0L), percent(o, "adherence", 1.0), percent(o, "latency_tolerance", 1.0),
        o.duration("restore_timeout").orElse(Duration.ofSeconds(30)));
    o.finish();
    return t;
  }

  private static double percent(YamlObject o, String key, double dflt) {
    return o.string(key).map(s -> {
      try {
        return Double.parseDouble(s.trim().replace("%", "")) / 100.0;
      } catch (NumberFormatException e) {
        o.problems().add(o.get(key).get(), o.child(key), "expected a percentage, e.g. 100%");
        return dflt;
      }
    }).orElse(dflt);
  }
}
