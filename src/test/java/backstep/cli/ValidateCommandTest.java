package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backstep validate} refuses verify queries that prove nothing or change data, and reads plain SQL only for
 * the dialects a playbook declares (issue 12).
 */
class ValidateCommandTest {
  private static final String HEAD = """
      id: add-note
      title: Add orders.note
      intent: Let support staff attach a note to an order.
      steps:
        - id: add-column
          kind: sql
          title: Add nullable column orders.note
          forward: ALTER TABLE orders ADD COLUMN note VARCHAR(500)
          rollback: ALTER TABLE orders DROP COLUMN note
          verify:
      """;

  @TempDir
  Path dir;

  private Cli.Result validate(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return Cli.run("validate", file.toString());
  }

  @Test
  void aVerifyOfSelect1Exits2NamingFileLineAndField() throws Exception {
    Cli.Result r = validate("select-1.yaml", HEAD + "      - sql: SELECT 1\n");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.out().contains(dir.resolve("select-1.yaml") + ":11:14 steps[0].verify[0].sql: reads no table, "
        + "column or catalog object, so it proves nothing about the target"), r::toString);
    assertTrue(r.out().contains("— 1 problem(s)"), r::toString);
  }

  @Test
  void aVerifyThatDeletesInsideACteExits2() throws Exception {
    Cli.Result r = validate("cte-delete.yaml", HEAD + """
              - sql: WITH d AS (DELETE FROM orders RETURNING 1) SELECT count(*) FROM d
                expect: 0
        """);
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.out().contains(dir.resolve("cte-delete.yaml") + ":11:14 steps[0].verify[0].sql: changes data "
        + "(DELETE): a verify or check query must only read"), r::toString);
  }

  @Test
  void aPostgresqlOnlyPlaybookWithPlainSqlAndAScriptRollbackValidatesClean() throws Exception {
    String yaml = """
        id: orders-archive
        title: Archive table for orders
        intent: Keep old orders out of the hot table.
        dialects: [postgresql]
        steps:
          - id: create-archive
            kind: sql
            title: Create orders_archive with its index and grant
            forward: |
              CREATE TABLE orders_archive (id BIGINT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL);
              CREATE INDEX orders_archive_created_idx ON orders_archive (created_at);
              COMMENT ON TABLE orders_archive IS 'orders older than two years'
            rollback: DROP TABLE IF EXISTS orders_archive
            verify:
              - sql: SELECT to_regclass('orders_archive_created_idx') IS NOT NULL
        """;
    Cli.Result r = validate("pg-only.yaml", yaml);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("✔ " + dir.resolve("pg-only.yaml") + " — orders-archive v1, 1 steps, postgresql\n"),
        r::toString);

    Cli.Result undeclared = validate("both.yaml", yaml.replace("dialects: [postgresql]\n", ""));
    assertEquals(2, undeclared.exit(), "without dialects the MySQL mirror rule applies: " + undeclared);
    assertTrue(undeclared.out().contains("steps[0].rollback.mysql: 1 statement(s) but forward has 3"),
        undeclared::toString);
  }

  @Test
  void theTargetsFilesGroupsAreCheckedWithFileLineAndField() throws Exception {
    Path pb = dir.resolve("ok.yaml");
    Files.writeString(pb, HEAD + "      - sql: SELECT count(*) FROM orders\n        expect: 0\n");
    Path targets = dir.resolve("targets.yaml");
    Files.writeString(targets, """
        ledger: central
        targets:
          central: {url: "jdbc:postgresql://h:5432/ledger", user: u, environment: staging}
          a: {url: "jdbc:postgresql://h:5432/a", user: u, environment: staging}
          b: {url: "jdbc:postgresql://h:5432/b", user: u, environment: staging}
        groups:
          tenants:
            members: [a, b, nobody]
            canary: [c]
            concurrency: 0
        """);
    Cli.Result r = Cli.run("validate", pb.toString(), "--targets", targets.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.out().contains(targets + ":8:21 groups.tenants.members[2]: names no target of this file: 'nobody'"),
        r::toString);
    assertTrue(r.out().contains(targets + ":9:14 groups.tenants.canary[0]: 'c' is not a member of group 'tenants'"),
        r::toString);
    assertTrue(r.out().contains(targets + ":10:18 groups.tenants.concurrency: must be 1 or more, not 0"), r::toString);
    assertTrue(r.out().contains("✖ " + targets + " — 3 problem(s) in groups:"), r::toString);

    Files.writeString(targets, Files.readString(targets).replace(", nobody]", "]").replace("[c]", "[a]")
        .replace("concurrency: 0", "concurrency: 2"));
    Cli.Result ok = Cli.run("validate", pb.toString(), "--targets", targets.toString());
    assertEquals(0, ok.exit(), ok::toString);
    assertTrue(ok.out().contains("✔ " + targets + " — 1 group(s): tenants"), ok::toString);
  }
}
