package backstep.db;

import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named targets of a {@code targets.yaml} file, plus the built-in {@code sandbox}. A missing file means only
 * the sandbox is known.
 */
public final class Targets {
  private final Path file;
  private final Map<String, TargetSpec> byName;
  private final Policy policy;
  /** The {@code notify:} webhooks: the file's own under "", each target's under its name. */
  private final Map<String, List<Webhook>> notify;
  private final Path ledgerKeyFile;
  private final Map<String, List<ReplicaSpec>> replicas;

  private Targets(Path file, Map<String, TargetSpec> byName, Policy policy, Map<String, List<Webhook>> notify,
      Path ledgerKeyFile, Map<String, List<ReplicaSpec>> replicas) {
    this.file = file;
    this.byName = byName;
    this.policy = policy;
    this.notify = notify;
    this.ledgerKeyFile = ledgerKeyFile;
    this.replicas = replicas;
  }

  public static Targets sandboxOnly() {
    Map<String, TargetSpec> m = new LinkedHashMap<>();
    m.put(TargetSpec.SANDBOX, sandbox());
    return new Targets(null, m, Policy.builtIn(), Map.of(), null, Map.of());
  }

  public static TargetSpec sandbox() {
    return new TargetSpec(TargetSpec.SANDBOX, null, "postgres", null, EnvironmentClass.SANDBOX);
  }

  /** Loads {@code file}; when it does not exist, only the sandbox is known. */
  public static Targets load(Path file) throws InvalidFileException {
    Map<String, TargetSpec> m = new LinkedHashMap<>();
    m.put(TargetSpec.SANDBOX, sandbox());
    if (file == null || !Files.exists(file)) {
      return new Targets(file, m, Policy.builtIn(), Map.of(), null, Map.of());
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())));
    }
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    Policy[] policy = {Policy.builtIn()};
    Map<String, List<Webhook>> notify = new LinkedHashMap<>();
    Path[] keyFile = {null};
    Map<String, List<ReplicaSpec>> replicas = new LinkedHashMap<>();
    YamlObject.of(root, "", problems).ifPresent(top -> {
      policy[0] = PolicyReader.read(top, file);
      notify.put("", NotifyReader.read(top));
      top.string("ledger_key_file").ifPresent(k -> keyFile[0] = file.toAbsolutePath().getParent().resolve(k));
      String central = top.string("ledger").orElse(null);
      top.get("groups"); // fleet groups: read and validated by backstep.fleet.FleetGroups
      top.required("targets").flatMap(n -> YamlObject.of(n, "targets", problems)).ifPresent(targets -> {
        for (String name : ((YamlTree.MapNode) targets.node()).entries().keySet()) {
          targets.get(name).flatMap(n -> YamlObject.of(n, targets.child(name), problems))
              .ifPresent(t -> {
                notify.put(name, NotifyReader.read(t));
                m.put(name, target(name, t, central, replicas));
              });
        }
      });
      for (TargetSpec t : m.values()) {
        if (t.ledger() != null && (!m.containsKey(t.ledger()) || t.ledger().equals(t.name()))) {
          problems.add(top.node(), "targets." + t.name() + ".ledger", "names no other target: '" + t.ledger() + "'");
        }
      }
      top.finish();
    });
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    m.replaceAll((name, t) -> t.under(policy[0]));
    return new Targets(file, m, policy[0], notify, keyFile[0], replicas);
  }

  private static TargetSpec target(String name, YamlObject t, String central,
      Map<String, List<ReplicaSpec>> replicas) {
    String url = t.requiredString("url").orElse("jdbc:postgresql://invalid");
    try {
      Dialect.familyOf(url);
    } catch (IllegalArgumentException e) {
      t.problems().add(t.get("url").orElse(t.node()), t.child("url"), e.getMessage());
    }
    for (String problem : JdbcUrls.problems(url)) {
      t.problems().add(t.get("url").orElse(t.node()), t.child("url"), problem.replace("name an environment variable",
          "name an environment variable in password_env"));
    }
    String user = t.string("user").orElse(null);
    String passwordEnv = t.string("password_env").orElse(null);
    t.get("password").ifPresent(n -> t.problems().add(n, t.child("password"),
        "passwords never live in files; name an environment variable in password_env"));
    EnvironmentClass env = EnvironmentClass.STAGING;
    Optional<String> e = t.requiredString("environment");
    if (e.isPresent()) {
      try {
        env = EnvironmentClass.valueOf(e.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        t.problems().add(t.get("environment").get(), t.child("environment"),
            "unknown environment class '" + e.get() + "' (allowed: sandbox, staging, production)");
      }
    }
    if (TargetSpec.SANDBOX.equals(name)) {
      t.problems().add(t.node(), t.path(), "'sandbox' is the built-in embedded database; choose another name");
    }
    String ledger = t.string("ledger").orElse(central != null && !central.equals(name) ? central : null);
    replicas.put(name, Replicas.read(t, url));
    t.finish();
    return new TargetSpec(name, url, user, passwordEnv, env, ledger);
  }

  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  public Optional<TargetSpec> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The webhooks told about runs on {@code target}: the file's {@code notify:}, then the target's own. */
  public List<Webhook> webhooks(String target) {
    List<Webhook> all = new java.util.ArrayList<>(notify.getOrDefault("", List.of()));
    all.addAll(notify.getOrDefault(target, List.of()));
    return List.copyOf(all);
  }

  /** The replicas a target lists under {@code replicas:} (none for an unknown target). */
  public List<ReplicaSpec> replicas(String target) {
    return replicas.getOrDefault(target, List.of());
  }

  /** The file's {@code policy:} (the built-in rules where it says nothing). */
  public Policy policy() {
    return policy;
  }

  /**
   * The file named by the targets file's {@code ledger_key_file:} (relative to the targets file), holding the key
   * that HMACs every target's ledger chain ({@link LedgerKey}); null when it names none.
   */
  public Path ledgerKeyFile() {
    return ledgerKeyFile;
  }

  public Path file() {
    return file;
  }
}
