package backstep.playbook;

import backstep.playbook.YamlTree.MapNode;
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
import java.util.EnumMap;
import java.util.HashMap;
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
  private static final Set<String> RESERVED_KINDS = Set.of("observe");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Set<String> PLACEHOLDERS = Set.of("batch_size", "schema");
  private static final Pattern RECOVERY_REF = Pattern.compile("\\$\\{recovery\\.([^}]*)}");
  private static final Pattern BLOCK_INDICATOR = Pattern.compile(".*[|>][-+0-9]*\\s*(#.*)?$");

  private final Set<String> knownTargets;

  /** @param knownTargets target names a playbook may reference; null to skip that check */
  public PlaybookLoader(Set<String> knownTargets) {
    this.knownTargets = knownTargets;
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
    private final String[] lines;
    private final Path file;
    private final String text;
    private final YamlObject.Problems problems;
    private final Map<String, LintIgnore> lintIgnores = new HashMap<>();

    Reader(YamlObject top, String[] lines, Path file, String text) {
      this.top = top;
      this.lines = lines;
      this.file = file;
      this.text = text;
      this.problems = top.problems();
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
                .map(o -> guards(o, Guards.DEFAULT)).orElse(Guards.DEFAULT);
            d.finish();
            return g;
          }).orElse(Guards.DEFAULT);
      List<Step> steps = steps(defaults);
      PlaybookSections sections = new PlaybookSections(top, this::sqlText);
      Monitoring monitoring = sections.monitoring();
      List<CheckSpec> checks = sections.checks();
      for (String reserved : List.of("seed")) {
        top.reserved(reserved).ifPresent(n -> problems.add(n, reserved, "not supported by this version of Backstep yet"));
      }
      top.finish();
      return new Playbook(file, text, sha256(text), id, title, version, owners, intent, mvc, blast, success,
          remediation, expected, targets, monitoring, checks, steps, lintIgnores);
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

    private List<Step> steps(Guards defaults) {
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
      Set<String> snapshots = new java.util.HashSet<>();
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
      if (!id.isEmpty() && !ID.matcher(id).matches()) {
        problems.add(o.get("id").get(), o.child("id"), "use letters, digits, '-', '_' or '.' (at most 100)");
      }
      String kind = o.requiredString("kind").orElse("");
      String title = o.requiredString("title").orElse(id);
      String intent = o.string("intent").orElse("");
      int line = o.node().line();
      Step s = switch (kind) {
        case "sql" -> sqlStep(o, id, title, intent, defaults, line);
        case "manual" -> new ManualStep(id, title, intent, o.requiredString("instruction").orElse(""),
            o.string("rollback_instruction").orElse(""), line);
        case "gate" -> new GateStep(id, title, intent, o.string("prompt").orElse(title),
            o.bool("approval").orElse(false), line);
        case "snapshot" -> new SnapshotStep(id, title, intent, identifier(o, "table", "missing"),
            columnList(o, "key", true), columnList(o, "columns", false), o.string("where").orElse(null), line);
        case "flag" -> new FlagStep(id, title, intent, o.requiredString("flag").orElse(""),
            o.bool("value").orElse(true), identifier(o, "table", "feature_flags"),
            identifier(o, "key_column", "name"), identifier(o, "value_column", "enabled"), line);
        case "" -> null;
        default -> {
          String why = RESERVED_KINDS.contains(kind)
              ? "kind '" + kind + "' is reserved and not supported by this version of Backstep yet"
              : "unknown kind '" + kind + "' (allowed: sql, manual, flag, gate, snapshot)";
          problems.add(o.get("kind").get(), o.child("kind"), why);
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

    private SqlStep sqlStep(YamlObject o, String id, String title, String intent, Guards defaults, int line) {
      SqlText forward = o.required("forward").map(n -> sqlText(n, o.child("forward"))).orElse(null);
      SqlText rollback = o.required("rollback").map(n -> sqlText(n, o.child("rollback"))).orElse(null);
      List<Verify> verify = verifies(o, "verify", true);
      List<Verify> verifyRollback = verifies(o, "verify_rollback", false);
      Guards guards = o.get("guards").flatMap(n -> YamlObject.of(n, o.child("guards"), problems))
          .map(g -> guards(g, defaults)).orElse(defaults);
      Boolean transactional = o.bool("transactional").orElse(null);
      if (forward == null || rollback == null) {
        return new SqlStep(id, title, intent, empty(), empty(), verify, verifyRollback, guards, transactional, line);
      }
      checkFamilies(o, forward, rollback, verify, verifyRollback);
      checkBatching(o, forward, rollback, guards);
      if (Boolean.TRUE.equals(transactional) && (forward.families().stream().anyMatch(forward::needsAutocommit)
          || rollback.families().stream().anyMatch(rollback::needsAutocommit))) {
        problems.add(o.get("transactional").get(), o.child("transactional"), "cannot be true: batched statements "
            + "commit batch by batch, and CONCURRENTLY/VACUUM cannot run inside a transaction");
      }
      SqlStep step = new SqlStep(id, title, intent, forward, rollback, verify, verifyRollback, guards,
          transactional, line);
      checkMirroredCounts(o, step);
      return step;
    }

    private void checkFamilies(YamlObject o, SqlText forward, SqlText rollback, List<Verify> verify,
        List<Verify> verifyRollback) {
      if (!rollback.families().containsAll(forward.families())) {
        problems.add(o.get("rollback").get(), o.child("rollback"),
            "no rollback for " + missing(forward, rollback) + " although forward has it");
      }
      List<Verify> all = new ArrayList<>(verify);
      all.addAll(verifyRollback);
      for (Verify v : all) {
        if (!v.sql().families().containsAll(forward.families())) {
          problems.add(v.line(), 1, o.child("verify"),
              "verify query has no variant for " + missing(forward, v.sql()) + " although forward has it");
        }
      }
    }

    private String missing(SqlText forward, SqlText other) {
      return forward.families().stream().filter(f -> !other.families().contains(f)).map(DialectFamily::key)
          .findFirst().orElse("?");
    }

    private void checkBatching(YamlObject o, SqlText forward, SqlText rollback, Guards guards) {
      boolean batched = false;
      for (SqlText t : List.of(forward, rollback)) {
        for (DialectFamily f : t.families()) {
          batched |= t.statements(f).stream().anyMatch(SqlText.Stmt::batched);
        }
      }
      if (batched && guards.batchSize() <= 0) {
        problems.add(o.node(), o.child("guards.batch_size"),
            "missing: the SQL uses " + SqlStep.BATCH_PLACEHOLDER + " so the step needs a batch size");
      }
      if (!batched && guards.batchSize() > 0) {
        problems.add(o.node(), o.child("guards.batch_size"),
            "set, but no statement uses " + SqlStep.BATCH_PLACEHOLDER + " (write the batch limit as "
                + SqlStep.BATCH_PLACEHOLDER + ")");
      }
    }

    /** Where statements commit one by one, rollback statement i undoes forward statement n-1-i; counts must match. */
    private void checkMirroredCounts(YamlObject o, SqlStep step) {
      for (DialectFamily f : step.forward().families()) {
        boolean oneTx = step.runsInOneTransaction(f, f == DialectFamily.POSTGRESQL);
        int fw = step.forward().statements(f).size();
        int rb = step.rollback().statements(f).size();
        if (!oneTx && fw > 1 && fw != rb) {
          problems.add(o.get("rollback").get(), o.child("rollback") + (step.forward().families().size() > 1
              ? "." + f.key() : ""), rb + " statement(s) but forward has " + fw + "; where each statement commits "
              + "on its own (" + (f == DialectFamily.MYSQL ? "MySQL/MariaDB DDL" : "non-transactional step")
              + "), list one undo statement per forward statement, in reverse order, so a half-applied step can "
              + "be undone exactly");
        }
      }
    }

    private SqlText empty() {
      return new SqlText(Map.of());
    }

    private List<Verify> verifies(YamlObject o, String key, boolean required) {
      List<Verify> out = new ArrayList<>();
      Optional<Node> node = required ? o.required(key) : o.get(key);
      if (node.isEmpty()) {
        return out;
      }
      List<Node> items = o.list(node.get(), o.child(key));
      if (items.isEmpty() && required && node.get() instanceof YamlTree.ListNode) {
        problems.add(node.get(), o.child(key), "needs at least one query that proves the step is applied");
      }
      for (int i = 0; i < items.size(); i++) {
        String at = o.child(key) + "[" + i + "]";
        YamlObject.of(items.get(i), at, problems).ifPresent(v -> {
          SqlText sql = v.required("sql").map(n -> sqlText(n, v.child("sql"))).orElse(empty());
          Expectation expect = new Expectation(Expectation.Op.EQ, "true");
          Optional<Node> e = v.get("expect");
          if (e.isPresent()) {
            try {
              expect = Expectation.parse(e.get() instanceof ScalarNode s ? s.text() : null);
            } catch (NumberFormatException ex) {
              problems.add(e.get(), v.child("expect"), "a comparison needs a number, e.g. \"> 1000\"");
            }
          } else if (v.written("expect")) {
            expect = Expectation.parse(null);
          }
          for (DialectFamily f : sql.families()) {
            if (sql.statements(f).size() != 1) {
              problems.add(v.node(), v.child("sql"), "a verify query must be exactly one statement");
              break;
            }
          }
          out.add(new Verify(sql, expect, v.string("description").orElse(""), v.node().line()));
          v.finish();
        });
      }
      return out;
    }

    private SqlText sqlText(Node n, String at) {
      Map<DialectFamily, List<SqlText.Stmt>> variants = new EnumMap<>(DialectFamily.class);
      if (n instanceof ScalarNode s && !s.isNull()) {
        for (DialectFamily f : DialectFamily.values()) {
          variants.put(f, split(s, at, f));
        }
      } else if (n instanceof MapNode m) {
        for (YamlTree.Entry e : m.entries().values()) {
          Optional<DialectFamily> f = DialectFamily.fromKey(e.key());
          if (f.isEmpty()) {
            problems.add(e.line(), e.column(), at + "." + e.key(), "unknown SQL dialect (use postgresql or mysql)");
          } else if (e.value() instanceof ScalarNode s && !s.isNull()) {
            variants.put(f.get(), split(s, at + "." + e.key(), f.get()));
          } else {
            problems.add(e.value(), at + "." + e.key(), "expected SQL text, found " + e.value().describe());
          }
        }
      } else {
        problems.add(n, at, "expected SQL text or a mapping of dialect to SQL, found " + n.describe());
      }
      return new SqlText(variants);
    }

    private List<SqlText.Stmt> split(ScalarNode s, String at, DialectFamily f) {
      int base = s.line() + (isBlockScalar(s.line()) ? 1 : 0);
      try {
        List<SqlText.Stmt> out = new ArrayList<>();
        for (SqlSplitter.Statement st : SqlSplitter.split(s.text(), f)) {
          out.add(new SqlText.Stmt(st.sql(), base + st.line() - 1));
        }
        if (out.isEmpty()) {
          problems.add(s, at, "no SQL statement");
        }
        java.util.regex.Matcher m = PLACEHOLDER.matcher(s.text());
        while (m.find()) {
          if (!PLACEHOLDERS.contains(m.group(1)) && !m.group(1).startsWith("recovery.")) {
            problems.add(s, at, "unknown placeholder ${" + m.group(1) + "} (known: ${batch_size}, ${schema}, "
                + "${recovery.<snapshot step id>})");
            break;
          }
        }
        return out;
      } catch (IllegalArgumentException e) {
        problems.add(s, at, e.getMessage());
        return List.of();
      }
    }

    private boolean isBlockScalar(int line) {
      return line >= 1 && line <= lines.length && BLOCK_INDICATOR.matcher(lines[line - 1]).matches();
    }

    private Guards guards(YamlObject g, Guards d) {
      Guards out = new Guards(
          g.duration("lock_timeout").orElse(d.lockTimeout()),
          g.duration("statement_timeout").orElse(d.statementTimeout()),
          g.integer("retries").orElse(d.retries()),
          g.duration("backoff").orElse(d.backoff()),
          g.duration("max_backoff").orElse(d.maxBackoff()),
          g.longValue("max_affected_rows").orElse(d.maxAffectedRows()),
          g.integer("batch_size").orElse(d.batchSize()));
      if (out.retries() < 0 || out.retries() > 100) {
        problems.add(g.get("retries").orElse(g.node()), g.child("retries"), "must be between 0 and 100");
      }
      if (out.batchSize() < 0) {
        problems.add(g.get("batch_size").orElse(g.node()), g.child("batch_size"), "must be positive");
      }
      g.finish();
      return out;
    }
  }
}
