package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine trusts a validated foreign key instead of scanning for orphans only while no statement of the run
 * bypassed enforcement: every way of switching it off must be found, and switching it back (or touching only user
 * triggers) must not cost a full scan.
 */
class ForeignKeyBypassTest {
  private static final DialectFamily PG = DialectFamily.POSTGRESQL;
  private static final DialectFamily MY = DialectFamily.MYSQL;

  @ParameterizedTest
  @ValueSource(strings = {
      "SET session_replication_role = replica",
      "set session_replication_role = 'replica'",
      "SET SESSION session_replication_role TO replica",
      "SET LOCAL \"session_replication_role\" TO 'REPLICA'",
      "SET  session_replication_role\n  =  replica",
      "SELECT set_config('session_replication_role', 'replica', false)",
      "SELECT pg_catalog.set_config( 'session_replication_role' , 'replica' , true)",
      "ALTER TABLE orders DISABLE TRIGGER ALL",
      "alter table only public.orders disable trigger all",
      "ALTER TABLE IF EXISTS orders DISABLE TRIGGER ALL",
      "ALTER TABLE orders ADD COLUMN note text, DISABLE TRIGGER ALL",
      "ALTER TABLE orders DISABLE TRIGGER USER, DISABLE TRIGGER ALL",
      "ALTER TABLE orders DISABLE TRIGGER \"RI_ConstraintTrigger_c_16412\"",
      "DO $$ BEGIN SET LOCAL session_replication_role = replica; END $$",
      "DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); END $$"})
  void findsPostgresBypasses(String sql) {
    assertTrue(ForeignKeyBypass.describe(sql, PG).isPresent(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SET foreign_key_checks = 0",
      "SET SESSION foreign_key_checks = OFF",
      "SET GLOBAL foreign_key_checks=FALSE",
      "set local FOREIGN_KEY_CHECKS = 'OFF'",
      "SET @@foreign_key_checks = 0",
      "SET @@session.foreign_key_checks=0",
      "SET @@GLOBAL.foreign_key_checks = 0",
      "SET `foreign_key_checks` = 0",
      "SET foreign_key_checks=0, sql_mode='NO_AUTO_VALUE_ON_ZERO'",
      "SET sql_mode='', SESSION foreign_key_checks = 0",
      "SET GLOBAL unique_checks = 0, @@session.foreign_key_checks = 0",
      "SET foreign_key_checks := 0",
      "/*!40014 SET FOREIGN_KEY_CHECKS=0 */",
      "SET STATEMENT foreign_key_checks=0 FOR INSERT INTO orders SELECT * FROM orders_old"})
  void findsMysqlBypasses(String sql) {
    assertTrue(ForeignKeyBypass.describe(sql, MY).isPresent(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SET session_replication_role = origin",
      "SET session_replication_role = DEFAULT",
      "SET session_replication_role = local",
      "RESET session_replication_role",
      "SELECT set_config('session_replication_role', 'origin', false)",
      "ALTER TABLE orders DISABLE TRIGGER USER",
      "ALTER TABLE orders DISABLE TRIGGER orders_audit",
      "ALTER TABLE orders ENABLE TRIGGER ALL",
      "ALTER TABLE orders ALTER CONSTRAINT orders_customer_fk DEFERRABLE INITIALLY DEFERRED",
      "SET CONSTRAINTS ALL DEFERRED",
      "-- SET session_replication_role = replica would skip the checks\nINSERT INTO orders VALUES (1)",
      "INSERT INTO notes (body) VALUES ('we never SET session_replication_role = replica here')",
      "UPDATE orders SET status = 'x' /* ALTER TABLE orders DISABLE TRIGGER ALL */ WHERE id = 1",
      "-- SET session_replication_role = replica\nVACUUM orders",
      "SET foreign_key_checks = 0"})
  void leavesPostgresEnforcementAlone(String sql) {
    assertEquals(Optional.empty(), ForeignKeyBypass.describe(sql, PG), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SET foreign_key_checks = 1",
      "SET SESSION foreign_key_checks = ON",
      "SET foreign_key_checks = DEFAULT",
      "SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS",
      "SET unique_checks = 0",
      "SET @foreign_key_checks = 0",
      "# SET foreign_key_checks = 0\nINSERT INTO orders VALUES (1)",
      "INSERT INTO notes (body) VALUES ('SET foreign_key_checks = 0, then load')",
      "SET sql_mode = 'a, foreign_key_checks=0'",
      "SET STATEMENT max_statement_time = 1 FOR SELECT 1 -- , foreign_key_checks = 0",
      "SET session_replication_role = replica"})
  void leavesMysqlEnforcementAlone(String sql) {
    assertEquals(Optional.empty(), ForeignKeyBypass.describe(sql, MY), sql);
  }

  @Test
  void describesWhatWasSwitchedOff() {
    assertEquals(Optional.of("disables every trigger on orders, foreign-key checks included"),
        ForeignKeyBypass.describe("ALTER TABLE public.orders DISABLE TRIGGER ALL", PG));
    assertEquals(Optional.of("sets foreign_key_checks to 0: rows are written without foreign-key checks"),
        ForeignKeyBypass.describe("SET @@session.foreign_key_checks = 0", MY));
  }

  @Test
  void findsEveryBypassInForwardAndRollbackWhateverLintIgnores() throws Exception {
    Playbook p = new PlaybookLoader(null).parse(Path.of("bypass.yaml"), PLAYBOOK);
    assertEquals(List.of(
        "step load forward: sets session_replication_role to replica: no trigger fires, foreign-key checks included",
        "step triggers rollback: disables every trigger on orders, foreign-key checks included"),
        ForeignKeyBypass.find(p, PG));
    assertEquals(List.of("step load forward: sets foreign_key_checks to 0: rows are written without foreign-key "
        + "checks"), ForeignKeyBypass.find(p, MY));
    Linter.Report lint = Linter.report(p);
    assertEquals(List.of("load"), lint.suppressed().stream().filter(f -> f.rule() == Rule.BS014)
        .map(Finding::stepId).distinct().toList(), "lint leaves the ignored step out; find() does not");
    assertEquals(List.of("triggers"), lint.findings().stream().filter(f -> f.rule() == Rule.BS014)
        .map(Finding::stepId).toList());
  }

  private static final String PLAYBOOK = """
      id: bypass
      title: Load archived orders without checks
      intent: Bulk load, then re-enable what was switched off.
      steps:
        - id: load
          kind: sql
          title: Load orders
          forward:
            postgresql: |
              -- session_replication_role = replica skips the foreign-key triggers
              SET session_replication_role = replica;
              INSERT INTO orders SELECT * FROM orders_archive;
              SET session_replication_role = origin
            mysql: SET STATEMENT foreign_key_checks = 0 FOR INSERT INTO orders SELECT * FROM orders_archive
          rollback: DELETE FROM orders WHERE id IN (SELECT id FROM orders_archive)
          lint:
            ignore: [BS014]
            reason: a check of every foreign key runs after this step
        - id: triggers
          kind: sql
          title: Re-enable triggers
          forward: ALTER TABLE orders ENABLE TRIGGER ALL
          rollback: ALTER TABLE orders DISABLE TRIGGER ALL
      """;
}
