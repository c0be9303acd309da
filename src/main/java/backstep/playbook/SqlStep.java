package backstep.playbook;

import java.util.List;

/**
 * Forward SQL, the rollback SQL that mirrors it, verify queries that prove the step is applied (and, after
 * rollback, that it is not), and the guards it runs under.
 *
 * @param verifyRollback queries that prove the step is undone; when empty, "undone" means the verify queries fail
 * @param verify queries that prove the step is applied; may be empty, and then the engine proves the step by its
 *     effect on the schema fingerprint
 * @param transactional whether the step runs in one transaction on databases with transactional DDL; null means
 *     decide from the SQL (CONCURRENTLY and batched statements cannot run inside one)
 * @param rollbackMode how rollback undoes a step that stopped part way where statements commit one by one
 */
public record SqlStep(
    String id,
    String title,
    String intent,
    SqlText forward,
    SqlText rollback,
    List<Verify> verify,
    List<Verify> verifyRollback,
    Guards guards,
    Boolean transactional,
    RollbackMode rollbackMode,
    int line)
    implements Step {

  public static final String BATCH_PLACEHOLDER = "${batch_size}";
  /** Replaced by the current schema (PostgreSQL) or database (MySQL/MariaDB) name, for catalog queries. */
  public static final String SCHEMA_PLACEHOLDER = "${schema}";

  public SqlStep {
    verify = List.copyOf(verify);
    verifyRollback = List.copyOf(verifyRollback);
    rollbackMode = rollbackMode == null ? RollbackMode.MIRROR : rollbackMode;
  }

  /** A step whose rollback mirrors its forward statement by statement ({@link RollbackMode#MIRROR}). */
  public SqlStep(String id, String title, String intent, SqlText forward, SqlText rollback, List<Verify> verify,
      List<Verify> verifyRollback, Guards guards, Boolean transactional, int line) {
    this(id, title, intent, forward, rollback, verify, verifyRollback, guards, transactional, RollbackMode.MIRROR,
        line);
  }

  @Override
  public String kind() {
    return "sql";
  }

  /** True when the step must run statement by statement, committing each (PostgreSQL family only decides here). */
  public boolean runsInOneTransaction(DialectFamily family, boolean transactionalDdl) {
    if (!transactionalDdl) {
      return false;
    }
    if (transactional != null) {
      return transactional;
    }
    return !forward.needsAutocommit(family) && !rollback.needsAutocommit(family);
  }
}
