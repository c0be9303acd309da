package backstep.playbook;

import static backstep.playbook.PlaybookLoaderTest.FILE;
import static backstep.playbook.PlaybookLoaderTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;


/**
 * PlaybookLoader on dialects and rollback modes, the mirrored-statement rule they lift, and what a verify or check may
 * do (name an object, not change data), split from PlaybookLoaderTest to keep each class under the 400-line budget.
 */
class PlaybookRulesTest {
  @Test
  void dialectsRollbackModeAndAStepWithoutVerifyAreRead() throws Exception {
    Playbook pb = new PlaybookLoader(null).parse(FILE, """
        id: pg-only
        title: t
        intent: i
        dialects: [postgresql]
        steps:
          - id: add
            kind: sql
            title: Add a column, proven by its schema effect
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
          - id: many
            kind: sql
            title: A script that does not mirror
            forward:
              postgresql: |
                CREATE TABLE a (id INT);
                CREATE TABLE b (id INT);
            rollback:
              postgresql: DROP TABLE b, a
            rollback_mode: script
        """);
    assertEquals(Set.of(DialectFamily.POSTGRESQL), pb.dialects());
    SqlStep add = (SqlStep) pb.steps().get(0);
    assertEquals(List.of(), add.verify(), "verify is optional");
    assertEquals(RollbackMode.MIRROR, add.rollbackMode());
    assertEquals(RollbackMode.SCRIPT, ((SqlStep) pb.steps().get(1)).rollbackMode());
  }

  @Test
  void dialectsAndRollbackModeNameTheirAllowedValues() {
    List<String> p = problems("""
        id: bad-dialects
        title: t
        intent: i
        dialects: [postgresql, oracle]
        steps:
          - id: s
            kind: sql
            title: x
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
            rollback_mode: sometimes
        """);
    assertTrue(p.contains("playbooks/x.yaml:4:24 dialects[1]: unknown SQL dialect 'oracle' (use postgresql or "
        + "mysql)"), p.toString());
    assertTrue(p.contains("playbooks/x.yaml:11:20 steps[0].rollback_mode: unknown mode 'sometimes' (use mirror, "
        + "script or none)"), p.toString());
  }

  @Test
  void aVerifyThatNamesNoObjectIsRefusedWithFileLineAndField() {
    List<String> p = problems("""
        id: proves-nothing
        title: t
        intent: i
        steps:
          - id: add
            kind: sql
            title: Add a column
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
            verify:
              - sql: SELECT 1
              - sql:
                  postgresql: SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'
                  mysql: SELECT 1 WHERE 1 = 1
            verify_rollback:
              - sql: |
                  SELECT true
        checks:
          - name: always
            sql: SELECT 'x'
            expect: x
        """);
    assertTrue(p.contains("playbooks/x.yaml:11:14 steps[0].verify[0].sql: reads no table, column or catalog object, "
        + "so it proves nothing about the target (query what the step changed, e.g. FROM "
        + "information_schema.columns, or call a catalog function such as to_regclass('orders'))"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:14:") && s.contains(
        "steps[0].verify[1].sql.mysql: reads no table, column or catalog object")), p.toString());
    assertFalse(p.stream().anyMatch(s -> s.contains("verify[1].sql.postgresql")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:17:") && s.contains(
        "steps[0].verify_rollback[0].sql: reads no table")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:20:") && s.contains(
        "checks[0].sql: reads no table")), p.toString());
    assertEquals(4, p.size(), p.toString());
  }

  @Test
  void aVerifyOrCheckThatChangesDataIsRefused() {
    List<String> p = problems("""
        id: changes-data
        title: t
        intent: i
        steps:
          - id: add
            kind: sql
            title: Add a column
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
            verify:
              - sql: WITH d AS (DELETE FROM orders RETURNING 1) SELECT count(*) FROM d
                expect: 0
              - sql: SELECT nextval('orders_id_seq') FROM orders
        checks:
          - name: locks
            sql: SELECT count(*) FROM orders FOR UPDATE
            expect: 0
        canary: UPDATE orders SET status = status WHERE id = 1
        """);
    assertTrue(p.contains("playbooks/x.yaml:11:14 steps[0].verify[0].sql: changes data (DELETE): a verify or check "
        + "query must only read, because it runs before the step, after it and again on rollback"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:13:14 steps[0].verify[1].sql: changes data "
        + "(nextval()")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:16:") && s.contains(
        "checks[0].sql: changes data (FOR UPDATE")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:18:") && s.contains(
        "canary: changes data (UPDATE")), p.toString());
  }

  @Test
  void declaredDialectsDecideWhichRulesApplyToPlainSql() throws Exception {
    String steps = """
        steps:
          - id: two
            kind: sql
            title: Two tables, one rollback statement
            forward: |
              CREATE TABLE a (id INT);
              CREATE TABLE b (id INT)
            rollback: DROP TABLE b, a
            verify:
              - sql: SELECT count(*) FROM information_schema.tables WHERE table_name IN ('a', 'b')
                expect: 2
        """;
    List<String> p = problems("id: d\ntitle: t\nintent: i\n" + steps);
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[0].rollback.mysql: 1 statement(s) but forward has 2; "
        + "where each statement commits on its own (MySQL/MariaDB DDL)")),
        "without dialects: plain SQL is for both " + p);

    Playbook pg = new PlaybookLoader(null).parse(FILE, "id: d\ntitle: t\nintent: i\ndialects: [postgresql]\n"
        + steps);
    assertEquals(Set.of(DialectFamily.POSTGRESQL), pg.dialects());
    assertEquals(Set.of(DialectFamily.POSTGRESQL), ((SqlStep) pg.steps().get(0)).forward().families(),
        "plain SQL means only the declared dialects");
  }

  @Test
  void sqlForADialectOutsideDialectsIsAProblem() {
    List<String> p = problems("""
        id: outside
        title: t
        intent: i
        dialects: postgresql
        steps:
          - id: add
            kind: sql
            title: Add a column
            forward:
              postgresql: ALTER TABLE orders ADD COLUMN note TEXT
              mysql: ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT
            rollback: ALTER TABLE orders DROP COLUMN note
        """);
    assertTrue(p.contains("playbooks/x.yaml:11:7 steps[0].forward.mysql: SQL for mysql, but the playbook's dialects "
        + "are [postgresql] (add mysql to dialects, or remove this variant)"), p.toString());

    p = problems("""
        id: missing
        title: t
        intent: i
        dialects: [postgresql, mysql]
        steps:
          - id: add
            kind: sql
            title: Add a column
            forward:
              postgresql: ALTER TABLE orders ADD COLUMN note TEXT
            rollback:
              postgresql: ALTER TABLE orders DROP COLUMN note
        """);
    assertTrue(p.contains("playbooks/x.yaml:10:7 steps[0].forward: no mysql SQL, but the playbook's dialects are "
        + "[postgresql, mysql]"), p.toString());
  }

  @Test
  void rollbackModeScriptLiftsTheMirroredStatementRule() throws Exception {
    String yaml = """
        id: script
        title: t
        intent: i
        dialects: [mysql]
        steps:
          - id: three
            kind: sql
            title: Three tables, one rollback statement
            forward: |
              CREATE TABLE a (id INT);
              CREATE TABLE b (id INT);
              CREATE TABLE c (id INT)
            rollback: DROP TABLE IF EXISTS c, b, a
        """;
    List<String> p = problems(yaml);
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[0].rollback: 1 statement(s) but forward has 3")),
        p.toString());
    Playbook pb = new PlaybookLoader(null).parse(FILE, yaml + "    rollback_mode: script\n");
    assertEquals(RollbackMode.SCRIPT, ((SqlStep) pb.steps().get(0)).rollbackMode());
  }
}
