package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Playbook checks run before, after each step, after forward and after rollback, and stop a change that fails one. */
class ChecksIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void theSampleChecksHoldThroughApplyAndRollbackAndVerifyReportsThem(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      Cli.Result apply = Cli.on(db, "apply", "playbooks/add-email-verified.yaml", "--yes", "--json");
      assertEquals(0, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("\"phase\" : \"after_forward\""), apply::toString);
      assertTrue(!apply.out().contains("\"passed\" : false"), "every check held: " + apply);

      Cli.Result verify = Cli.on(db, "verify", "playbooks/add-email-verified.yaml");
      assertEquals(0, verify.exit(), verify::toString);
      assertTrue(verify.out().contains("every customer has email_verified"), verify::toString);

      Cli.Result back = Cli.on(db, "rollback", "--yes", "--json");
      assertEquals(0, back.exit(), back::toString);
      assertTrue(back.out().contains("customer data unchanged after rollback"), back::toString);
      assertTrue(!back.out().contains("\"passed\" : false"), back::toString);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aFailedCheckWithOnFailRollbackUndoesTheChange(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("lossy.yaml");
    Files.writeString(pb, """
        id: lossy
        title: A change that loses orders
        intent: a check must catch it
        checks:
          - name: orders keep every row
            row_count: orders
            expect_same_as: before
            when: [after_step]
            on_fail: rollback
        steps:
          - id: flag-column
            kind: sql
            title: Add orders.flagged
            forward: ALTER TABLE orders ADD COLUMN flagged INT
            rollback: ALTER TABLE orders DROP COLUMN flagged
            verify:
              - sql: >
                  SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'
                  AND table_name = 'orders' AND column_name = 'flagged'
                expect: 1
          - id: purge
            kind: sql
            title: Move cancelled orders to an archive (and lose them from orders)
            transactional: true
            forward: |
              CREATE TABLE orders_archive AS SELECT * FROM orders WHERE status = 'cancelled';
              DELETE FROM orders WHERE status = 'cancelled';
            rollback: |
              INSERT INTO orders SELECT * FROM orders_archive;
              DROP TABLE orders_archive;
            verify:
              - sql: SELECT count(*) FROM orders WHERE status = 'cancelled'
                expect: 0
        """);
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(1, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("check 'orders keep every row' failed after step 'purge'"), apply::toString);
      assertTrue(apply.out().contains("ROLLED BACK"), apply::toString);
      List<String> ev = Cli.on(db, "history", "--run", apply.out().substring(0, apply.out().indexOf(' ')))
          .out().lines().toList();
      try (var c = db.connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
        rs.next();
        assertEquals(60000, rs.getInt(1), "every order is back");
      }
      assertTrue(ev.stream().anyMatch(l -> l.contains("CHECK") && l.contains("\"passed\":false")), ev::toString);
      assertTrue(ev.stream().anyMatch(l -> l.contains("STEP_ROLLED_BACK") && l.contains("flag-column")),
          ev::toString);
    }
  }

  /**
   * Regression guard for the proof an enforced foreign key gives the orphan check: a playbook that writes with
   * enforcement off (session_replication_role = replica) must not be able to hide the orphan it leaves behind.
   */
  @org.junit.jupiter.api.Test
  void aPlaybookThatTurnsForeignKeyEnforcementOffHasItsOrphansCounted() throws Exception {
    Path pb = dir.resolve("replica.yaml");
    Files.writeString(pb, """
        id: replica-load
        title: Load orders with triggers off
        intent: a bulk load that skips the foreign key
        checks:
          - name: no orphan orders
            orphans: all
            when: [after_forward, after_rollback]
        steps:
          - id: load-orders
            kind: sql
            title: Load an order for a customer that does not exist
            transactional: true
            forward: |
              SET LOCAL session_replication_role = replica;
              INSERT INTO orders (customer_id, status, total_cents, created_at)
                VALUES (999999, 'paid', 100, '2025-06-01 10:00:00');
            rollback: |
              DELETE FROM orders WHERE customer_id = 999999;
              SET LOCAL session_replication_role = origin;
            verify:
              - sql: SELECT count(*) FROM orders WHERE customer_id = 999999
                expect: 1
        """);
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.POSTGRES)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(1, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("check 'no orphan orders' failed"), apply::toString);
      String run = apply.out().substring(0, apply.out().indexOf(' '));
      String events = Cli.on(db, "history", "--run", run).out();
      assertTrue(events.contains("1 row of orders has no parent in customers; scanned: the playbook turns"
          + " foreign-key enforcement off (step load-orders forward:"), events);
      assertTrue(events.contains("foreign_key_bypass"), "RUN_STARTED says why: " + events);

      // the same orphan with the playbook's SQL out of the picture: the constraint reads as proof, --full-scan finds it
      Cli.Result trusting = Cli.on(db, "verify", pb.toString());
      assertTrue(trusting.out().contains("not scanned"), trusting::toString);
      Cli.Result counted = Cli.on(db, "verify", pb.toString(), "--full-scan");
      assertEquals(1, counted.exit(), counted::toString);
      assertTrue(counted.out().contains("scanned: --full-scan"), counted::toString);
    }
  }
}
