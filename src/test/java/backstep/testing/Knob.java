package backstep.testing;

import java.sql.SQLException;

/**
 * A canary whose latency a test sets: the canary sleeps for {@code knob.delay_s}, which a step or a thread of the
 * test updates. Also a table {@code other} for a first step to change.
 */
public final class Knob {
  /** The playbook's {@code canary:} section, both families. */
  public static final String CANARY = """
      canary:
        postgresql: SELECT pg_sleep(delay_s) FROM knob WHERE id = 1
        mysql: SELECT SLEEP(delay_s) FROM knob WHERE id = 1
      """;

  /** The first step of a knob playbook: a column on {@code other}, undone by dropping it. */
  public static final String ADD_COLUMN_STEP = """
        - id: add-col
          kind: sql
          title: Add a column
          forward: ALTER TABLE other ADD COLUMN c INT
          rollback: ALTER TABLE other DROP COLUMN c
      """;

  private Knob() {}

  /** Creates {@code knob} (no delay) and {@code other} in the scratch database. */
  public static void create(ScratchDb scratch) throws SQLException {
    scratch.exec("CREATE TABLE knob (id INT PRIMARY KEY, delay_s DECIMAL(6,3))", "INSERT INTO knob VALUES (1, 0)",
        "CREATE TABLE other (id INT PRIMARY KEY)");
  }
}
