package backstep.playbook;

import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a playbook file, validates all of it in one pass and freezes it into a {@link Playbook}. Every problem
 * names file, line, column and field path; nothing is half-loaded.
 */
public final class PlaybookLoader {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  private final Set<String> knownTargets;
  private final boolean recorded;

  /** @param knownTargets target names a playbook may reference; null to skip that check */
  public PlaybookLoader(Set<String> knownTargets) {
    this(knownTargets, false);
  }

  private PlaybookLoader(Set<String> knownTargets, boolean recorded) {
    this.knownTargets = knownTargets;
    this.recorded = recorded;
  }

  /**
   * A loader for the playbook text stored with a run, which may have been applied by an earlier version of
   * Backstep: it validates as {@code new PlaybookLoader(null)} does, except that a verify or check query that reads
   * no object is accepted (rolling back what was applied must not depend on a rule added since). A query that
   * changes data is still refused: it would run again on rollback.
   */
  public static PlaybookLoader forRecordedRun() {
    return new PlaybookLoader(null, true);
  }

  public Playbook load(Path file) throws InvalidFileException {
    return parse(file, read(file));
  }

  /** A YAML file's text; a missing or unreadable file is a problem at 1:1 (playbooks, drills). */
  public static String read(Path file) throws InvalidFileException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "no such file")));
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())));
    }
  }

  public Playbook parse(Path file, String text) throws InvalidFileException {
    YamlObject.Problems problems = new YamlObject.Problems(file);
    Node root = readTree(file, text, problems);
    Optional<YamlObject> top = YamlObject.of(root, "", problems);
    if (top.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    Playbook p = new Reader(top.get(), text.split("\n", -1), file, text).playbook();
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    return p;
  }

  /** Parses YAML into a located tree, turning syntax errors and duplicate keys into problems. */
  public static Node readTree(Path file, String text, YamlObject.Problems problems) throws InvalidFileException {
    List<YamlTree.Problem> dupes = new ArrayList<>();
    try {
      Node root = YamlTree.parse(text, dupes);
      for (YamlTree.Problem d : dupes) {
        problems.add(d.line(), d.column(), "", d.message());
      }
      return root;
    } catch (YamlTree.SyntaxException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, e.line(), e.column(), "", e.getMessage())));
    }
  }

  /** The SHA-256 of a playbook's text, as recorded in the ledger. */
  public static String checksum(String text) {
    return sha256(text);
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Reader {
    private final YamlObject top;
    private final Path file;
    private final String text;
    private final YamlObject.Problems problems;
    private final Set<DialectFamily> dialects;
    private final SqlTextReader sqlText;
    private final SqlStepReader sqlSteps;
    private final StepReader stepReader;

    Reader(YamlObject top, String[] lines, Path file, String text) {
      this.top = top;
      this.file = file;
      this.text = text;
      this.problems = top.problems();
      this.dialects = dialects();
      this.sqlText = new SqlTextReader(lines, problems, dialects);
      this.sqlSteps = new SqlStepReader(problems, sqlText, !recorded);
      this.stepReader = new StepReader(top, sqlSteps);
    }

    Playbook playbook() {
      String id = top.requiredString("id").orElse("");
      if (!id.isEmpty() && !ID.matcher(id).matches()) {
        problems.add(top.get("id").get(), "id", "use letters, digits, '-', '_' or '.' (at most 100)");
      }
      String title = top.requiredString("title").orElse("");
      int version = top.integer("version").orElse(1);
      if (version < 1) {
        problems.add(top.get("version").get(), "version", "must be 1 or more");
      }
      List<String> owners = top.strings("owners");
      String intent = top.requiredString("intent").orElse("");
      String mvc = top.string("minimum_viable_change").orElse("");
      List<Playbook.BlastRadius> blast = blastRadius();
      List<String> success = top.strings("success_criteria");
      String remediation = top.string("remediation").orElse("");
      Playbook.Expected expected = expected();
      List<String> targets = top.strings("targets");
      checkTargets(targets);
      Guards defaults = top.get("defaults").flatMap(n -> YamlObject.of(n, "defaults", problems))
          .map(d -> {
            Guards g = d.get("guards").flatMap(n -> YamlObject.of(n, "defaults.guards", problems))
                .map(o -> sqlSteps.guards(o, Guards.DEFAULT)).orElse(Guards.DEFAULT);
            d.finish();
            return g;
          }).orElse(Guards.DEFAULT);
      List<Step> steps = stepReader.steps(defaults);
      PlaybookSections sections = new PlaybookSections(top, sqlText, !recorded);
      Monitoring monitoring = sections.monitoring();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) instanceof ObserveStep o && o.soaks() && monitoring.guards().isEmpty()) {
          problems.add(o.line(), 5, "steps[" + i + "]", "an observe step needs guards to watch: declare "
              + "'guards:' (and a 'canary:' for canary_ms)");
        }
      }
      List<CheckSpec> checks = sections.checks();
      Map<DialectFamily, String> seed = seed();
      Origin origin = origin();
      top.finish();
      return new Playbook(file, text, sha256(text), id, title, version, owners, intent, mvc, blast, success,
          remediation, expected, targets, monitoring, checks, steps, stepReader.lintIgnores(), seed, dialects,
          origin);
    }

    /** {@code dialects: [postgresql]}, {@code [mysql]} or both; empty when the playbook declares none. */
    private Set<DialectFamily> dialects() {
      Set<DialectFamily> out = EnumSet.noneOf(DialectFamily.class);
      Optional<Node> node = top.get("dialects");
      if (node.isEmpty()) {
        return out;
      }
      List<Node> items = node.get() instanceof ScalarNode ? List.of(node.get()) : top.list(node.get(), "dialects");
      for (int i = 0; i < items.size(); i++) {
        String at = node.get() instanceof ScalarNode ? "dialects" : "dialects[" + i + "]";
        Node item = items.get(i);
        top.scalarText(item, at).ifPresent(key -> DialectFamily.fromKey(key).ifPresentOrElse(out::add,
            () -> problems.add(item, at, "unknown SQL dialect '" + key + "' (use postgresql or mysql)")));
      }
      if (out.isEmpty() && items.isEmpty() && node.get() instanceof YamlTree.ListNode) {
        problems.add(node.get(), "dialects", "name at least one of postgresql, mysql (or leave dialects out)");
      }
      return out;
    }

    /** {@code seed: file.sql} (every family) or {@code seed: {postgresql: a.sql, mysql: b.sql}}. */
    private Map<DialectFamily, String> seed() {
      Map<DialectFamily, String> out = new java.util.EnumMap<>(DialectFamily.class);
      Optional<Node> node = top.get("seed");
      if (node.isEmpty()) {
        return out;
      }
      if (node.get() instanceof ScalarNode) {
        top.string("seed").filter(v -> !v.isBlank()).ifPresentOrElse(
            v -> List.of(DialectFamily.values()).forEach(f -> out.put(f, v.strip())),
            () -> problems.add(node.get(), "seed", "write the seed file's path, relative to the playbook"));
        return out;
      }
      YamlObject.of(node.get(), "seed", problems).ifPresent(m -> {
        for (DialectFamily f : DialectFamily.values()) {
          m.string(f.key()).filter(v -> !v.isBlank()).ifPresent(v -> out.put(f, v.strip()));
        }
        m.finish();
        if (out.isEmpty()) {
          problems.add(node.get(), "seed", "name a file for postgresql: and/or mysql:");
        }
      });
      return out;
    }

    /** {@code origin:}: the other tool's migration an imported playbook was converted from. */
    private Origin origin() {
      return top.get("origin").flatMap(n -> YamlObject.of(n, "origin", problems)).map(o -> {
        Origin out = new Origin(o.requiredString("format").orElse(""), o.string("file").orElse(""),
            o.string("version").orElse(""), o.string("description").orElse(""), o.string("author").orElse(""),
            o.string("checksum").orElse(""), o.bool("repeatable").orElse(false));
        o.finish();
        return out;
      }).orElse(Origin.NONE);
    }

    private void checkTargets(List<String> targets) {
      if (knownTargets == null) {
        return;
      }
      Node list = top.get("targets").orElse(null);
      for (int i = 0; i < targets.size(); i++) {
        if (!knownTargets.contains(targets.get(i))) {
          Node at = list instanceof YamlTree.ListNode l && i < l.items().size() ? l.items().get(i) : top.node();
          problems.add(at, "targets[" + i + "]", "unknown target '" + targets.get(i) + "' (known: "
              + String.join(", ", knownTargets.stream().sorted().toList()) + ")");
        }
      }
    }

    private List<Playbook.BlastRadius> blastRadius() {
      List<Playbook.BlastRadius> out = new ArrayList<>();
      top.get("blast_radius").ifPresent(n -> {
        List<Node> items = top.list(n, "blast_radius");
        for (int i = 0; i < items.size(); i++) {
          String at = "blast_radius[" + i + "]";
          Node item = items.get(i);
          if (item instanceof ScalarNode) {
            top.scalarText(item, at).ifPresent(s -> out.add(new Playbook.BlastRadius(s, "")));
          } else {
            YamlObject.of(item, at, problems).ifPresent(o -> {
              out.add(new Playbook.BlastRadius(o.requiredString("system").orElse(""), o.string("impact").orElse("")));
              o.finish();
            });
          }
        }
      });
      return out;
    }

    private Playbook.Expected expected() {
      return top.get("expected").flatMap(n -> YamlObject.of(n, "expected", problems)).map(o -> {
        Playbook.Expected e = new Playbook.Expected(
            o.string("after_forward").orElse(""), o.string("after_rollback").orElse(""));
        o.finish();
        return e;
      }).orElse(new Playbook.Expected("", ""));
    }
  }
}
