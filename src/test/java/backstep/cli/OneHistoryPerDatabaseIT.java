package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 1): a run left FAILED under {@code --name a} did not stop {@code apply --name b}
 * on the same database, and {@code status --name b} said all was well: the ledger was keyed by the target's name.
 * Runs are now found by the database's identity, so every name of one database sees one history.
 */
class OneHistoryPerDatabaseIT {
  @TempDir
  Path dir;

  private static Cli.Result as(ScratchDb db, String name, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", db.url(), "--user", db.user(), "--environment", "sandbox", "--name", name));
    return Cli.run(all.toArray(new String[0]));
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aHalfAppliedRunUnderOneNameStopsAnApplyUnderAnother(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path failing = dir.resolve("failing.yaml");
      Files.writeString(failing, """
          id: invoices-table
          title: Invoices, then a broken index
          intent: leave a half-applied run behind
          steps:
            - id: create
              kind: sql
              title: Create invoices
              forward: CREATE TABLE invoices (id INT PRIMARY KEY, amount INT)
              rollback: DROP TABLE invoices
            - id: broken
              kind: sql
              title: Index a column that does not exist
              forward: CREATE INDEX invoices_nope ON invoices (nope)
              rollback: DROP INDEX invoices_nope
          """);
      Path other = dir.resolve("other.yaml");
      Files.writeString(other, """
          id: payments-table
          title: Payments
          intent: any other change
          steps:
            - id: create
              kind: sql
              title: Create payments
              forward: CREATE TABLE payments (id INT PRIMARY KEY)
              rollback: DROP TABLE payments
          """);
      Cli.Result a = as(db, "orders-primary", "apply", failing.toString(), "--yes");
      assertEquals(1, a.exit(), a.toString());

      Cli.Result b = as(db, "orders-db-by-url", "apply", other.toString(), "--yes");
      assertEquals(3, b.exit(), b.toString());
      assertTrue((b.out() + b.err()).contains("half-applied"), b.toString());

      Cli.Result status = as(db, "orders-db-by-url", "status");
      assertEquals(3, status.exit(), status.toString());
      assertTrue(status.out().contains("invoices-table"), status.out());

      Cli.Result back = as(db, "orders-db-by-url", "rollback", "--yes");
      assertEquals(0, back.exit(), back.toString());
      Cli.Result again = as(db, "orders-primary", "status");
      assertFalse(again.out().contains("FAILED"), again.out());
    }
  }
}
