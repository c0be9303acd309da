package backstep.db;

import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code policy:} section of a targets file. Each environment class may set {@code apply} and
 * {@code rollback} to a list of {@link RunGate} keys; what it leaves out keeps the built-in rule. Production can
 * only be tightened: a list without {@code second_approver} is an error.
 */
final class PolicyReader {
  private PolicyReader() {}

  static Policy read(YamlObject top, Path file) {
    Optional<YamlTree.Node> section = top.get("policy");
    Map<EnvironmentClass, PolicyRule> rules = new EnumMap<>(EnvironmentClass.class);
    section.flatMap(n -> YamlObject.of(n, "policy", top.problems())).ifPresent(p -> {
      for (String key : ((YamlTree.MapNode) p.node()).entries().keySet()) {
        YamlTree.Node n = p.get(key).orElse(null);
        EnvironmentClass env = envClass(key);
        if (env == null) {
          YamlTree.Entry e = ((YamlTree.MapNode) p.node()).entries().get(key);
          p.problems().add(e.line(), e.column(), p.child(key),
              "unknown environment class '" + key + "' (allowed: sandbox, staging, production)");
        } else if (n != null) {
          YamlObject.of(n, p.child(key), p.problems()).ifPresent(o -> rules.put(env, rule(env, o, file)));
        }
      }
    });
    return new Policy(rules);
  }

  private static EnvironmentClass envClass(String key) {
    for (EnvironmentClass e : EnvironmentClass.values()) {
      if (e.key().equals(key)) {
        return e;
      }
    }
    return null;
  }

  private static PolicyRule rule(EnvironmentClass env, YamlObject o, Path file) {
    PolicyRule builtIn = PolicyRule.builtIn(env);
    Set<RunGate> apply = gates(o, "apply", env).orElse(builtIn.apply());
    Set<RunGate> rollback = gates(o, "rollback", env).orElse(builtIn.rollback());
    o.finish();
    String name = file == null ? "targets file" : file.getFileName().toString();
    return new PolicyRule(env, apply, rollback, name + ":" + o.node().line());
  }

  private static Optional<Set<RunGate>> gates(YamlObject o, String key, EnvironmentClass env) {
    Optional<YamlTree.Node> n = o.get(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    Set<RunGate> out = EnumSet.noneOf(RunGate.class);
    var items = o.list(n.get(), o.child(key));
    for (int i = 0; i < items.size(); i++) {
      String at = o.child(key) + "[" + i + "]";
      YamlTree.Node item = items.get(i);
      o.scalarText(item, at).ifPresent(text -> {
        Optional<RunGate> g = RunGate.parse(text.trim().toLowerCase(Locale.ROOT));
        if (g.isEmpty()) {
          o.problems().add(item, at, "unknown gate '" + text + "' (allowed: " + RunGate.keys() + ")");
        } else {
          out.add(g.get());
        }
      });
    }
    if (env == EnvironmentClass.PRODUCTION && n.get() instanceof YamlTree.ListNode
        && !out.containsAll(PolicyRule.PRODUCTION_MINIMUM)) {
      o.problems().add(n.get(), o.child(key), "a policy can only tighten production: " + key
          + " must keep second_approver (the built-in minimum; add gates, do not remove it)");
    }
    return Optional.of(out);
  }
}
