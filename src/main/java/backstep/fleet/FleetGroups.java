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
 * members that name no target, a pattern that matches none, a canary outside the group, sizes below one, a
 * negative failure budget, a file without the central {@code ledger:} a fleet keeps its work queue in.
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
    if (listed == pattern.isPresent()) {
      p.add(o.node(), o.path(), "give either members (a list of targets) or pattern (a glob over target names, "
          + "e.g. 'tenant-*'), not " + (listed ? "both" : "neither"));
    }
    if (listed) {
      List<String> named = o.strings("members");
      for (int i = 0; i < named.size(); i++) {
        String m = named.get(i);
        String at = o.child("members") + "[" + i + "]";
        YamlTree.Node node = o.get("members").orElse(o.node());
        if (!member(m, targets, central)) {
          p.add(node, at, "names no target of this file: '" + m + "' (known: " + known(targets, central) + ")");
        } else if (members.contains(m)) {
          p.add(node, at, "'" + m + "' is listed twice");
        } else {
          members.add(m);
        }
      }
    } else if (pattern.isPresent()) {
      Pattern glob = glob(pattern.get());
      targets.names().stream().filter(t -> member(t, targets, central) && glob.matcher(t).matches())
          .forEach(members::add);
      if (members.isEmpty()) {
        p.add(o.get("pattern").get(), o.child("pattern"), "matches no target: '" + pattern.get() + "' (known: "
            + known(targets, central) + ")");
      }
    }
    List<String> canary = o.strings("canary");
    for (int i = 0; i < canary.size(); i++) {
      if (!members.contains(canary.get(i)) && !members.isEmpty()) {
        p.add(o.get("canary").get(), o.child("canary") + "[" + i + "]", "'" + canary.get(i)
            + "' is not a member of group '" + name + "'");
      }
    }
    int waveSize = atLeast(o, "wave_size", 1, 1);
    int concurrency = atLeast(o, "concurrency", 1, 1);
    int budget = atLeast(o, "failure_budget", 0, 0);
    o.finish();
    if (p.list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new FleetGroup(name, members, canary, waveSize, concurrency, budget, central));
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
