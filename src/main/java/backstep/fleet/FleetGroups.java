package backstep.fleet;

import backstep.db.Targets;
import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code groups:} of a targets file. Every problem names the file, line and field:
 * members that name no target, a pattern that matches none, a server that names no target, a canary outside the
 * group (or holding all of it), sizes below one, a failure budget below 0 or as large as the group, an
 * {@code after_canary:} without a canary or with a bad duration or gate, a file without the central
 * {@code ledger:} a fleet keeps its work queue in. A server group's databases are listed when a fleet starts
 * ({@link FleetGroup#listed}), not here: reading the file connects to nothing.
 */
public final class FleetGroups {
  private final Map<String, FleetGroup> groups;

  private FleetGroups(Map<String, FleetGroup> groups) {
    this.groups = groups;
  }

  /** The groups of {@code targets}' file (none when the file has none or does not exist). */
  public static FleetGroups load(Targets targets) throws InvalidFileException {
    Path file = targets.file();
    Map<String, FleetGroup> out = new LinkedHashMap<>();
    if (file == null || !Files.exists(file)) {
      return new FleetGroups(out);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())));
    }
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    YamlObject.of(root, "", problems).ifPresent(top -> {
      String central = top.string("ledger").orElse(null);
      top.get("groups").flatMap(n -> YamlObject.of(n, "groups", problems)).ifPresent(g -> {
        for (String name : ((YamlTree.MapNode) g.node()).entries().keySet()) {
          g.get(name).flatMap(n -> YamlObject.of(n, g.child(name), problems))
              .ifPresent(o -> group(name, o, targets, central).ifPresent(x -> out.put(name, x)));
        }
      });
    });
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    return new FleetGroups(out);
  }

  private static Optional<FleetGroup> group(String name, YamlObject o, Targets targets, String central) {
    YamlObject.Problems p = o.problems();
    int before = p.list().size();
    if (central == null) {
      p.add(o.node(), o.path(), "a group needs a central ledger for its fleet runs and work queue: name one with "
          + "'ledger: TARGET' at the top of the file");
    }
    List<String> members = new ArrayList<>();
    boolean listed = o.has("members");
    Optional<String> pattern = o.string("pattern");
    Optional<String> server = o.string("server");
    Optional<String> databases = o.string("databases");
    int ways = (listed ? 1 : 0) + (pattern.isPresent() ? 1 : 0) + (server.isPresent() ? 1 : 0);
    if (ways != 1) {
      p.add(o.node(), o.path(), "give one of members (a list of targets), pattern (a glob over target names, "
          + "e.g. 'tenant-*') or server with databases (the databases on a server, e.g. 'tenant_%'), not "
          + (ways == 0 ? "none" : "several"));
    }
    if (listed) {
      members(o, targets, central, members);
    } else if (pattern.isPresent()) {
      Pattern glob = glob(pattern.get());
      targets.names().stream().filter(t -> member(t, targets, central) && glob.matcher(t).matches())
          .forEach(members::add);
      if (members.isEmpty()) {
        p.add(o.get("pattern").get(), o.child("pattern"), "matches no target: '" + pattern.get() + "' (known: "
            + known(targets, central) + ")");
      }
    }
    server(o, server, databases, targets);
    List<String> canary = canary(o, name, members, server.isPresent());
    int waveSize = atLeast(o, "wave_size", 1, 1);
    int concurrency = atLeast(o, "concurrency", 1, 1);
    int budget = atLeast(o, "failure_budget", 0, 0);
    if (!members.isEmpty() && budget >= members.size()) {
      p.add(o.get("failure_budget").get(), o.child("failure_budget"), "must be less than the group's "
          + members.size() + " member(s): with " + budget + " the fleet would never turn around");
    }
    CanaryHold hold = o.get("after_canary").flatMap(n -> YamlObject.of(n, o.child("after_canary"), p))
        .flatMap(h -> hold(h, canary.isEmpty() ? o : null)).orElse(null);
    o.finish();
    if (p.list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new FleetGroup(name, members, canary, waveSize, concurrency, budget, central,
        server.orElse(null), databases.orElse(null), hold));
  }

  private static void members(YamlObject o, Targets targets, String central, List<String> members) {
    YamlTree.Node list = o.get("members").orElseThrow();
    List<YamlTree.Node> items = o.list(list, o.child("members"));
    for (int i = 0; i < items.size(); i++) {
      String at = o.child("members") + "[" + i + "]";
      YamlTree.Node node = items.get(i);
      Optional<String> m = o.scalarText(node, at);
      if (m.isEmpty()) {
        continue;
      }
      if (!member(m.get(), targets, central)) {
        o.problems().add(node, at, "names no target of this file: '" + m.get() + "' (known: "
            + known(targets, central) + ")");
      } else if (members.contains(m.get())) {
        o.problems().add(node, at, "'" + m.get() + "' is listed twice");
      } else {
        members.add(m.get());
      }
    }
  }

  /** A server group's {@code server} (a target of the file) and {@code databases} (a LIKE pattern, not empty). */
  private static void server(YamlObject o, Optional<String> server, Optional<String> databases, Targets targets) {
    if (server.isPresent() && targets.find(server.get()).filter(t -> !t.isSandbox()).isEmpty()) {
      o.problems().add(o.get("server").get(), o.child("server"), "names no target of this file: '" + server.get()
          + "' (known: " + String.join(", ", targets.names().stream().filter(t -> targets.find(t)
              .filter(x -> !x.isSandbox()).isPresent()).toList()) + ")");
    }
    if (server.isPresent() && databases.isEmpty()) {
      o.problems().add(o.node(), o.child("databases"), "missing: with server, give databases, a pattern over the "
          + "server's database names ('%' any run of characters, '_' one), e.g. 'tenant\\_%'");
    } else if (server.isEmpty() && databases.isPresent()) {
      o.problems().add(o.get("databases").get(), o.child("databases"), "only with server: the databases of which "
          + "server?");
    } else if (databases.isPresent() && databases.get().isBlank()) {
      o.problems().add(o.get("databases").get(), o.child("databases"), "must not be empty");
    }
  }

  /** The canary: members of the group (database names on a server group, checked when the server is listed). */
  private static List<String> canary(YamlObject o, String name, List<String> members, boolean onServer) {
    List<String> canary = o.strings("canary");
    YamlTree.Node node = o.get("canary").orElse(o.node());
    List<YamlTree.Node> items = node instanceof YamlTree.ListNode l ? l.items() : List.of();
    for (int i = 0; i < canary.size(); i++) {
      YamlTree.Node at = i < items.size() ? items.get(i) : node;
      String c = canary.get(i);
      if (canary.subList(0, i).contains(c)) {
        o.problems().add(at, o.child("canary") + "[" + i + "]", "'" + c + "' is listed twice");
      } else if (!onServer && !members.isEmpty() && !members.contains(c)) {
        o.problems().add(at, o.child("canary") + "[" + i + "]", "'" + c + "' is not a member of group '" + name
            + "'");
      }
    }
    if (!members.isEmpty() && canary.stream().filter(members::contains).distinct().count() >= members.size()) {
      o.problems().add(node, o.child("canary"), "the canary holds every member of group '" + name
          + "': leave at least one member for the waves");
    }
    return canary;
  }

  /** {@code after_canary:}: a soak ({@code observe}, {@code min_samples}) and/or a {@code gate}. */
  private static Optional<CanaryHold> hold(YamlObject h, YamlObject noCanary) {
    Optional<java.time.Duration> observe = h.duration("observe");
    if (observe.isPresent() && observe.get().isZero()) {
      h.problems().add(h.get("observe").get(), h.child("observe"), "must be longer than 0 s");
    }
    int min = atLeast(h, "min_samples", 1, 0);
    if (h.has("min_samples") && observe.isEmpty()) {
      h.problems().add(h.get("min_samples").get(), h.child("min_samples"), "only with observe");
    }
    CanaryHold.Gate gate = CanaryHold.Gate.NONE;
    Optional<String> g = h.string("gate");
    if (g.isPresent()) {
      try {
        gate = CanaryHold.Gate.valueOf(g.get().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        h.problems().add(h.get("gate").get(), h.child("gate"), "expected none, confirm or approval, found '"
            + g.get() + "'");
      }
    }
    h.finish();
    if (!h.has("observe") && !h.has("gate")) {
      h.problems().add(h.node(), h.path(), "give observe (a duration, e.g. 5m) and/or gate (confirm or approval)");
    }
    if (noCanary != null) {
      noCanary.problems().add(h.node(), h.path(), "needs a canary: name the members applied first with canary:");
    }
    return Optional.of(new CanaryHold(observe.orElse(null), min, gate));
  }

  private static int atLeast(YamlObject o, String key, int min, int dflt) {
    Optional<Integer> v = o.integer(key);
    if (v.isPresent() && v.get() < min) {
      o.problems().add(o.get(key).get(), o.child(key), "must be " + min + " or more, not " + v.get());
      return dflt;
    }
    return v.orElse(dflt);
  }

  /** A target that can be a member: named in the file, not the sandbox, not the central ledger itself. */
  private static boolean member(String name, Targets targets, String central) {
    return targets.find(name).filter(t -> !t.isSandbox()).isPresent() && !name.equals(central);
  }

  private static String known(Targets targets, String central) {
    return String.join(", ", targets.names().stream().filter(t -> member(t, targets, central)).toList());
  }

  /** A glob over target names: {@code *} any run of characters, {@code ?} one character. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  public Optional<FleetGroup> find(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  public List<String> names() {
    return List.copyOf(groups.keySet());
  }
}
