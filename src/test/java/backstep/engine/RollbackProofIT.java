package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger and the target's own fingerprints, not verify queries, decide what a rollback undoes and whether it
 * worked. Regressions: a rollback of a whole history printed ROLLED BACK, exit 0, while the rollback SQL of half its
 * steps never ran (their verify had stopped passing, read as "already undone") and more than 20 tables stayed.
 */
class RollbackProofIT {
  private static final Pattern RUN = Pattern.compile("run ([0-9a-f-]{36})");

  @TempDir
  Path dir;

  /** A billing service's history, 20 migrations, none with a verify query: the fingerprints prove it. */
  private Path history(boolean brokenStep12) throws Exception {
    StringBuilder y = new StringBuilder("""
        id: billing-history
        title: Billing service schema, migrations 1 to 20
        intent: bring the billing schema from empty to its current shape
        steps:
        """);
    String last = null;
    for (int i = 1; i <= 20; i++) {
      String table = "billing_t" + i;
      String forward = "CREATE TABLE " + table + " (id INT PRIMARY KEY, account_id INT NOT NULL, amount_cents BIGINT)";
      String rollback = "DROP TABLE " + table;
      String on = "";
      if (i % 5 == 0) { // a column on the latest table
        forward = "ALTER TABLE " + last + " ADD COLUMN currency" + i + " CHAR(3)";
        rollback = "ALTER TABLE " + last + " DROP COLUMN currency" + i;
      } else if (i % 4 == 0) { // an index on it
        forward = "CREATE INDEX " + table + "_acct ON " + last + " (account_id)";
        rollback = "DROP INDEX " + table + "_acct";
        on = " ON " + last;
      } else {
        last = table;
      }
      if (i == 12 && brokenStep12) {
        forward = "CREATE TABLE invoice_notes (id INT PRIMARY KEY, body TEXT)";
        rollback = "DROP TABLE IF EXISTS invoice_note"; // the typo a real down script had: the table stays
        on = "";
      }
      y.append("  - id: m").append(String.format(java.util.Locale.ROOT, "%02d", i)).append('\n')
          .append("    kind: sql\n    title: migration ").append(i).append('\n')
          .append("    forward: \"").append(forward).append("\"\n")
          .append("    rollback:\n      postgresql: \"").append(rollback).append("\"\n")
          .append("      mysql: \"").append(rollback).append(on).append("\"\n");
    }
    Path file = dir.resolve("history.yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aHistoryWhoseStep12RollbackLeavesATableEndsWithDifferencesAfterRunningEveryRollback(ScratchDb.Kind kind)
      throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path pb = history(true);
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, apply.exit(), apply.toString());
      assertTrue(apply.out().contains("effect: added table invoice_notes"), apply.out());

      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(1, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK WITH DIFFERENCES"), back.out());
      assertTrue(back.out().contains("table invoice_notes: unexpected"), back.out());
      assertEquals(20, count(back.out(), "sql     rolled back"), "every step's rollback SQL ran: " + back.out());
      assertEquals(List.of("invoice_notes"), tables(db), "only what step 12's rollback missed is left");

      Cli.Result status = Cli.on(db, "status");
      assertEquals(1, status.exit(), status.toString());
      assertTrue(status.out().contains("rolled back WITH DIFFERENCES"), status.out());
      assertTrue(status.out().contains("table invoice_notes: unexpected"), status.out());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aHistoryWithoutAnyVerifyAppliesRollsBackAndIsProvenEqual(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path pb = history(false);
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, apply.exit(), apply.toString());
      assertEquals(20, count(apply.out(), "effect: "), apply.out());
      Matcher m = RUN.matcher(apply.out());
      assertTrue(m.find(), apply.out());

      Cli.Result history = Cli.on(db, "history", "--run", m.group(1));
      assertEquals(0, history.exit(), history.toString());
      assertTrue(history.out().contains("added table billing_t1"), history.out());
      assertTrue(history.out().contains("added column billing_t3.currency5"), history.out());

      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK — proven"), back.out());
      assertEquals(List.of(), tables(db));
      Cli.Result status = Cli.on(db, "status");
      assertEquals(0, status.exit(), status.toString());
      assertTrue(status.out().contains("proven"), status.out());
    }
  }

  /**
   * Rolling back one playbook while a later one is still applied: what the later run changed is not this rollback's
   * residue. Before, the whole target was compared with the fingerprint taken before the first run, and the later
   * run's table read as "unexpected": ROLLED BACK WITH DIFFERENCES, exit 1, for a rollback that was exact.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void rollingBackAnOlderPlaybookLeavesOutWhatALaterStillAppliedRunChanged(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path older = dir.resolve("older.yaml");
      Files.writeString(older, """
          id: add-invoices
          title: Invoices table
          intent: keep invoices
          steps:
            - id: create
              kind: sql
              title: create the invoices table
              forward: "CREATE TABLE invoices (id INT PRIMARY KEY, total_cents BIGINT)"
              rollback: "DROP TABLE invoices"
          """);
      Path later = dir.resolve("later.yaml");
      Files.writeString(later, """
          id: add-payments
          title: Payments table
          intent: keep payments
          steps:
            - id: create
              kind: sql
              title: create the payments table
              forward: "CREATE TABLE payments (id INT PRIMARY KEY, paid_cents BIGINT)"
              rollback: "DROP TABLE payments"
          """);
      assertEquals(0, Cli.on(db, "apply", older.toString(), "--yes").exit());
      assertEquals(0, Cli.on(db, "apply", later.toString(), "--yes").exit());

      Cli.Result back = Cli.on(db, "rollback", older.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK — proven"), back.out());
      assertTrue(back.out().contains("payments"), "what was left out is named: " + back.out());
      assertEquals(List.of("payments"), tables(db));

      // the same rollback that really leaves something of its own behind is still caught
      assertEquals(0, Cli.on(db, "apply", older.toString(), "--yes").exit());
      db.exec("CREATE TABLE invoices_archive (id INT PRIMARY KEY)"); // by hand, by no run
      Cli.Result residue = Cli.on(db, "rollback", older.toString(), "--yes");
      assertEquals(1, residue.exit(), residue.toString());
      assertTrue(residue.out().contains("invoices_archive"), residue.out());
    }
  }

  /**
   * Regression: a verify that stopped passing (someone dropped the index it looks for) made rollback skip the step's
   * rollback SQL as "already undone", leaving the table behind under a ROLLED BACK, exit 0.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aVerifyThatNoLongerPassesIsADeviationNotAReasonToSkipTheRollback(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path pb = dir.resolve("shipments.yaml");
      Files.writeString(pb, """
          id: shipments
          title: Shipments table with a carrier index
          intent: track parcels per carrier
          steps:
            - id: create-shipments
              kind: sql
              title: Create shipments and its carrier index
              forward: |
                CREATE TABLE shipments (id INT PRIMARY KEY, carrier VARCHAR(40));
                CREATE INDEX shipments_carrier_idx ON shipments (carrier);
              rollback:
                postgresql: |
                  DROP INDEX IF EXISTS shipments_carrier_idx;
                  DROP TABLE shipments;
                mysql: |
                  DROP TABLE shipments;
                  SELECT 1;
              rollback_mode: script
              verify:
                - sql:
                    postgresql: SELECT count(*) FROM pg_indexes WHERE indexname = 'shipments_carrier_idx'
                    mysql: >
                      SELECT count(*) FROM information_schema.STATISTICS
                      WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'shipments_carrier_idx'
                  expect: 1
          """);
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, apply.exit(), apply.toString());
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute(kind == ScratchDb.Kind.POSTGRES ? "DROP INDEX shipments_carrier_idx"
            : "DROP INDEX shipments_carrier_idx ON shipments");
      }
      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertTrue(back.out().contains("verify no longer passes before its rollback"), back.toString());
      assertFalse(tables(db).contains("shipments"), "the rollback SQL ran: " + back);
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("ROLLED BACK — proven"), back.out());
    }
  }

  /**
   * Real down scripts rarely mirror their up script. On MariaDB, where each DDL statement commits by itself, a step
   * with {@code rollback_mode: script} that failed part way is undone by its whole script, "does not exist" errors
   * tolerated and recorded, and the result proven against the fingerprint taken before the step.
   */
  @org.junit.jupiter.api.Test
  void aScriptRollbackUndoesAPartlyAppliedMariaDbStepAndIsProven() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path pb = dir.resolve("catalog.yaml");
      Files.writeString(pb, """
          id: catalog-tables
          title: Product catalog tables
          intent: the catalog service's first schema
          dialects: [mysql]
          steps:
            - id: catalog
              kind: sql
              title: Create categories, products and their index, then prices
              forward: |
                CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL);
                CREATE TABLE products (id INT PRIMARY KEY, category_id INT, sku VARCHAR(40));
                CREATE INDEX products_sku ON products (sku_code);
                CREATE TABLE prices (product_id INT PRIMARY KEY, cents INT NOT NULL);
              rollback: |
                DROP TABLE prices;
                DROP TABLE products;
                DROP TABLE categories;
              rollback_mode: script
          """);
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(1, apply.exit(), apply.toString());
      assertEquals(List.of("categories", "products"), tables(db));
      Cli.Result back = Cli.on(db, "rollback", pb.toString(), "--yes");
      assertEquals(0, back.exit(), back.toString());
      assertTrue(back.out().contains("tolerated in the rollback script, statement 1"), back.out());
      assertTrue(back.out().contains("ROLLED BACK — proven"), back.out());
      assertEquals(List.of(), tables(db));
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** The application's tables (not the ledger's). */
  private static List<String> tables(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        db.kind() == ScratchDb.Kind.POSTGRES
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_name NOT LIKE 'backstep%' ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
