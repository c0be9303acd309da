package backstep.playbook;

import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a step of kind {@code sql} — forward and rollback SQL, verify queries, guards — and checks that its parts
 * fit together: every dialect has a rollback and verify variant, batching and batch size agree, statements that
 * commit one by one have one undo each. Also reads guards for the playbook's {@code defaults}. Text only: no
 * connection.
 */
final class SqlStepReader {
  static final String VERIFY_READS_ONLY = "a verify or check query must only read, because it runs before the "
      + "step, after it and again on rollback";

  private final YamlObject.Problems problems;
  private final SqlTextReader sqlText;
  private final boolean proofRequired;

  /** @param proofRequired whether a verify query must read an object (see {@link ProofQuery}) */
  SqlStepReader(YamlObject.Problems problems, SqlTextReader sqlText, boolean proofRequired) {
    this.problems = problems;
    this.sqlText = sqlText;
    this.proofRequired = proofRequired;
  }

  SqlStep read(YamlObject o, String id, String title, String intent, Guards defaults, int line) {
    SqlText forward = o.required("forward").map(n -> sqlText.read(n, o.child("forward"))).orElse(null);
    RollbackMode rollbackMode = rollbackMode(o);
    SqlText rollback = rollbackMode == RollbackMode.NONE ? noRollback(o)
        : o.required("rollback").map(n -> sqlText.read(n, o.child("rollback"))).orElse(null);
    List<Verify> verify = verifies(o, "verify");
    List<Verify> verifyRollback = verifies(o, "verify_rollback");
    Guards guards = o.get("guards").flatMap(n -> YamlObject.of(n, o.child("guards"), problems))
        .map(g -> guards(g, defaults)).orElse(defaults);
    Boolean transactional = o.bool("transactional").orElse(null);
    if (forward == null || rollback == null) {
      return new SqlStep(id, title, intent, empty(), empty(), verify, verifyRollback, guards, transactional,
          rollbackMode, line);
    }
    checkDeclared(o, forward);
    checkFamilies(o, forward, rollbackMode == RollbackMode.NONE ? forward : rollback, verify, verifyRollback);
    checkBatching(o, forward, rollback, guards);
    if (Boolean.TRUE.equals(transactional) && (forward.families().stream().anyMatch(forward::needsAutocommit)
        || rollback.families().stream().anyMatch(rollback::needsAutocommit))) {
      problems.add(o.get("transactional").get(), o.child("transactional"), "cannot be true: batched statements "
          + "commit batch by batch, and CONCURRENTLY/VACUUM cannot run inside a transaction");
    }
    SqlStep step = new SqlStep(id, title, intent, forward, rollback, verify, verifyRollback, guards,
        transactional, rollbackMode, line);
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

  /** With {@code dialects:} declared, forward has SQL for each of them (it cannot have more: the reader refuses). */
  private void checkDeclared(YamlObject o, SqlText forward) {
    for (DialectFamily f : sqlText.dialects()) {
      if (!forward.families().contains(f)) {
        problems.add(o.get("forward").get(), o.child("forward"), "no " + f.key() + " SQL, but the playbook's "
            + "dialects are " + sqlText.declared());
        return;
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
    if (step.rollbackMode() != RollbackMode.MIRROR) {
      return;
    }
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

  /** {@code rollback_mode: none}: the step has no rollback, and writing one as well is a contradiction. */
  private SqlText noRollback(YamlObject o) {
    o.get("rollback").ifPresent(n -> problems.add(n, o.child("rollback"),
        "given, but rollback_mode is none (the step has no way back): remove one of the two"));
    o.get("verify_rollback").ifPresent(n -> problems.add(n, o.child("verify_rollback"),
        "given, but rollback_mode is none: there is no rollback to verify"));
    return empty();
  }

  private SqlText empty() {
    return new SqlText(Map.of());
  }

  private RollbackMode rollbackMode(YamlObject o) {
    Optional<String> written = o.string("rollback_mode");
    if (written.isEmpty()) {
      return RollbackMode.MIRROR;
    }
    Optional<RollbackMode> mode = RollbackMode.fromKey(written.get());
    if (mode.isEmpty()) {
      problems.add(o.get("rollback_mode").get(), o.child("rollback_mode"), "unknown mode '" + written.get()
          + "' (use mirror, script or none)");
    }
    return mode.orElse(RollbackMode.MIRROR);
  }

  /** Verify queries; a step may have none (leave the field out), but a list written empty is a slip. */
  private List<Verify> verifies(YamlObject o, String key) {
    List<Verify> out = new ArrayList<>();
    Optional<Node> node = o.get(key);
    if (node.isEmpty()) {
      return out;
    }
    List<Node> items = o.list(node.get(), o.child(key));
    if (items.isEmpty() && node.get() instanceof YamlTree.ListNode) {
      problems.add(node.get(), o.child(key), "an empty list: write at least one query, or leave " + key + " out");
    }
    for (int i = 0; i < items.size(); i++) {
      YamlObject.of(items.get(i), o.child(key) + "[" + i + "]", problems).ifPresent(v -> out.add(verify(v)));
    }
    return out;
  }

  private Verify verify(YamlObject v) {
    Optional<Node> sqlNode = v.required("sql");
    SqlText sql = sqlNode.map(n -> sqlText.read(n, v.child("sql"))).orElse(empty());
    sqlNode.ifPresent(n -> ProofQuery.check(sql, n, v.child("sql"), problems, proofRequired,
        VERIFY_READS_ONLY));
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
    Verify out = new Verify(sql, expect, v.string("description").orElse(""), v.node().line());
    v.finish();
    return out;
  }

  /** Guards from {@code g}, each one missing taken from {@code d}. */
  Guards guards(YamlObject g, Guards d) {
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
