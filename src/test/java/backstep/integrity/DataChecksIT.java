package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Expectation;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Data checks computed inside real PostgreSQL and MariaDB databases. */
class DataChecksIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void checksumChangesWithOneValueInOneRowAndNotWithPhysicalRowOrder(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      DataChecks checks = new DataChecks(shop.db);
      CheckResult before = checks.checksum("customers");
      String detail = "20000 rows"; // counted in the same scan on both servers
      assertEquals(detail, before.detail());
      String country = shop.one("SELECT country FROM customers WHERE id = 12345");

      shop.exec("UPDATE customers SET country = 'ZZ' WHERE id = 12345");
      CheckResult changed = checks.checksum("customers");
      assertNotEquals(before.value(), changed.value(), "one value in one row changed");
      assertEquals(detail, changed.detail());

      // reverting moves the row (PostgreSQL writes a new tuple at the end); rewriting the table reorders it all
      shop.exec("UPDATE customers SET country = '" + country + "' WHERE id = 12345");
      assertEquals(before.value(), checks.checksum("customers").value());
      shop.either("CLUSTER customers USING customers_email_key", "OPTIMIZE TABLE customers");
      assertEquals(before.value(), checks.checksum("customers").value(), "after CLUSTER / OPTIMIZE TABLE");

      // the same rows stored in a different physical order (no primary key: insertion order is storage order)
      shop.exec("CREATE TABLE by_id AS SELECT * FROM customers ORDER BY id",
          "CREATE TABLE by_email AS SELECT * FROM customers ORDER BY email");
      assertNotEquals(shop.one("SELECT id FROM by_id LIMIT 1"), shop.one("SELECT id FROM by_email LIMIT 1"));
      assertEquals(before.value(), checks.checksum("by_id").value());
      assertEquals(before.value(), checks.checksum("by_email").value());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void checksumTellsNullFromEmptyShiftedSeparatorsAndDoesNotCancelDuplicateRows(ScratchDb.Kind kind)
      throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      for (String t : List.of("null_x", "empty_x", "split_1", "split_2", "twice_a", "twice_b")) {
        shop.exec("CREATE TABLE " + t + " (x varchar(10), y varchar(10))");
      }
      shop.exec("INSERT INTO null_x VALUES (NULL, 'q')", "INSERT INTO empty_x VALUES ('', 'q')",
          "INSERT INTO split_1 VALUES ('a,b', 'c')", "INSERT INTO split_2 VALUES ('a', 'b,c')",
          "INSERT INTO twice_a VALUES ('a', 'a'), ('a', 'a')", "INSERT INTO twice_b VALUES ('b', 'b'), ('b', 'b')");
      DataChecks checks = new DataChecks(shop.db);

      assertNotEquals(checks.checksum("null_x").value(), checks.checksum("empty_x").value());
      assertNotEquals(checks.checksum("split_1").value(), checks.checksum("split_2").value());
      // XOR would give 0 for both: a row twice cancels itself
      assertNotEquals(checks.checksum("twice_a").value(), checks.checksum("twice_b").value());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void findsAnOrphanBehindAForeignKeyTheDatabaseDidNotCheck(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      String orphan = "INSERT INTO orders (customer_id, status, total_cents, created_at)"
          + " VALUES (999999, 'paid', 100, '2025-06-01 10:00:00')";
      if (shop.postgres()) {
        shop.exec("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk", orphan,
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)"
                + " NOT VALID");
      } else {
        shop.exec("SET foreign_key_checks = 0", orphan);
      }
      DataChecks checks = new DataChecks(shop.db);

      List<CheckResult> results = checks.orphans();
      assertEquals(1, results.size());
      CheckResult r = results.get(0);
      assertEquals("orphans orders_customer_fk", r.name());
      assertEquals(1L, r.value());
      assertEquals(CheckResult.Basis.COUNTED, r.basis());
      assertFalse(r.passed());
      assertTrue(r.detail().startsWith("1 row of orders has no parent in customers"), r.detail());
      // PostgreSQL does not index the referencing columns; InnoDB does
      assertEquals(shop.postgres(), r.detail().contains("NOT VALID"), r.detail());
      assertEquals(shop.postgres(), r.detail().contains("warning: no index on orders(customer_id)"), r.detail());

      shop.exec("CREATE INDEX orders_customer_idx ON orders (customer_id)");
      CheckResult indexed = checks.orphans().get(0); // PostgreSQL: the merge anti join over both indexes
      assertFalse(indexed.detail().contains("warning"));
      assertEquals(1L, indexed.value(), "the same orphan, found through the index");
      assertEquals(shop.postgres(), indexed.detail().contains("NOT VALID"), indexed.detail());
    }
  }

  /**
   * PostgreSQL: a validated, immediate foreign key with its triggers enabled proves there are no orphans without a
   * scan; anything that weakens it (disabled triggers, DEFERRABLE, NOT VALID) makes the check scan and find them.
   * The one bypass the catalog cannot show, rows written with session_replication_role = replica, is found by a
   * full scan, which is what Backstep does for a run whose SQL does that (lint rule BS014).
   */
  @org.junit.jupiter.api.Test
  void anEnforcedForeignKeyIsProofAndEveryWayAroundItIsScanned() throws Exception {
    try (Shop shop = Shop.seeded(ScratchDb.Kind.POSTGRES)) {
      DataChecks checks = new DataChecks(shop.db);
      CheckResult proved = checks.orphans().get(0);
      assertEquals(0L, proved.value());
      assertTrue(proved.passed());
      assertTrue(proved.detail().startsWith("no orphans; enforced by orders_customer_fk (validated, not deferrable,"
          + " triggers enabled); not scanned"), proved.detail());
      assertEquals(CheckResult.Basis.PROVED, proved.basis(), "a proved 0 is not a counted 0");

      String orphan = "INSERT INTO orders (customer_id, status, total_cents, created_at)"
          + " VALUES (999999, 'paid', 100, '2025-06-01 10:00:00')";
      // the bypass the catalog keeps no trace of: only a scan sees it
      try (Connection c = shop.scratch.connect(); Statement st = c.createStatement()) {
        st.execute("SET session_replication_role = replica");
        st.execute(orphan);
      }
      assertEquals(0L, checks.orphans().get(0).value(), "the constraint still reads as proof");
      CheckResult scanned = checks.scanningEveryForeignKey("full_scan: true").orphans().get(0);
      assertEquals(1L, scanned.value());
      assertFalse(scanned.passed());
      assertTrue(scanned.detail().contains("scanned: full_scan: true"), scanned.detail());
      assertEquals(CheckResult.Basis.COUNTED, scanned.basis());
      ForeignKeyRef written = new ForeignKeyRef("orders reference customers", "orders", List.of("customer_id"),
          "customers", List.of("id"));
      assertEquals(0L, checks.orphans(written).value(), "a check written as child(cols) -> parent(cols) finds the key");

      shop.exec("ALTER TABLE orders DISABLE TRIGGER ALL");
      CheckResult disabled = checks.orphans().get(0);
      assertEquals(1L, disabled.value(), disabled.detail());
      assertTrue(disabled.detail().contains("scanned: 2 of its 4 triggers disabled"), disabled.detail());
      shop.exec("ALTER TABLE orders ENABLE TRIGGER ALL",
          "ALTER TABLE orders ALTER CONSTRAINT orders_customer_fk DEFERRABLE INITIALLY IMMEDIATE");
      CheckResult deferrable = checks.orphans().get(0);
      assertEquals(1L, deferrable.value());
      assertTrue(deferrable.detail().contains("scanned: constraint is DEFERRABLE"), deferrable.detail());
    }
  }

  /**
   * Regression: the orphan check turns hash joins and parallel workers off for its own query only, in the caller's
   * transaction too.
   */
  @org.junit.jupiter.api.Test
  void orphanCheckLeavesThePlannerSettingsOfTheCallersTransactionAsTheyWere() throws Exception {
    try (Shop shop = Shop.seeded(ScratchDb.Kind.POSTGRES)) {
      shop.exec("CREATE INDEX orders_customer_idx ON orders (customer_id)");
      ForeignKeyRef fk = new ForeignKeyRef("orders_customer_fk", "orders", List.of("customer_id"), "customers",
          List.of("id"));
      try (Connection c = shop.scratch.connect(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        for (String setting : List.of("on", "off")) {
          String workers = setting.equals("on") ? "1" : "3";
          st.execute("SET LOCAL enable_hashjoin = " + setting);
          st.execute("SET LOCAL max_parallel_workers_per_gather = " + workers);
          CheckResult r = DataChecks.on(c, shop.db.dialect(), shop.db.schema()).scanningEveryForeignKey("test")
              .orphans(fk);
          assertEquals(0L, r.value());
          assertTrue(r.detail().contains("scanned: test"), r.detail());
          try (var rs = st.executeQuery("SHOW enable_hashjoin")) {
            rs.next();
            assertEquals(setting, rs.getString(1));
          }
          try (var rs = st.executeQuery("SHOW max_parallel_workers_per_gather")) {
            rs.next();
            assertEquals(workers, rs.getString(1));
          }
        }
        c.rollback();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void countsOrphansOfAPlannedForeignKeyIgnoringNullKeys(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.exec("CREATE TABLE notes (id int PRIMARY KEY, order_id bigint)",
          "INSERT INTO notes VALUES (1, 1), (2, NULL), (3, 99999999), (4, 60000)");
      CheckResult r = new DataChecks(shop.db)
          .orphans(new ForeignKeyRef(null, "notes", List.of("order_id"), "orders", List.of("id")));

      assertEquals("orphans notes(order_id) → orders(id)", r.name());
      assertEquals(1L, r.value());
      assertTrue(r.detail().contains("warning: no index on notes(order_id)"), r.detail());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void countsDuplicateKeysForAPlannedUniqueConstraint(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      DataChecks checks = new DataChecks(shop.db);

      CheckResult names = checks.duplicates("customers", List.of("full_name", "country"));
      assertFalse(names.passed());
      assertTrue((Long) names.value() > 100, names.describe());
      assertEquals("duplicates customers(full_name, country)", names.name());
      assertTrue(checks.duplicates("customers", List.of("email")).passed());

      // like a unique constraint, rows with a NULL in the key are not duplicates
      shop.exec("CREATE TABLE k (a int, b int)", "INSERT INTO k VALUES (1, 1), (1, 1), (2, 1), (NULL, 1), (NULL, 1)");
      CheckResult k = checks.duplicates("k", List.of("a", "b"));
      assertEquals(1L, k.value());
      assertEquals("1 key value appears more than once, in 2 rows", k.detail());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void countsRowsAndNullsBeforeAColumnBecomesNotNull(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      DataChecks checks = new DataChecks(shop.db);
      CheckResult rows = checks.rowCount("customers");
      assertEquals(20_000L, rows.value());
      assertTrue(rows.passed());

      shop.exec("ALTER TABLE customers ADD COLUMN phone varchar(20)",
          "UPDATE customers SET phone = '555' WHERE id <= 100");
      CheckResult nulls = checks.nulls("customers", "phone");
      assertEquals(19_900L, nulls.value());
      assertFalse(nulls.passed());
      assertEquals("nulls customers.phone", nulls.name());

      shop.exec("UPDATE customers SET phone = '555'");
      assertTrue(checks.nulls("customers", "phone").passed());
      assertThrows(SQLException.class, () -> checks.checksum("no_such_table"), "an SQL error, on both servers");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void customExpectationsIncludingSameAsBefore(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      DataChecks checks = new DataChecks(shop.db);
      CheckResult many = checks.expect("orders", "SELECT count(*) FROM orders", Expectation.parse("> 50000"));
      assertTrue(many.passed());
      assertEquals(60_000L, many.value());
      CheckResult few = checks.expect("orders", "SELECT count(*) FROM orders", Expectation.parse("< 10"));
      assertFalse(few.passed());
      assertEquals("FAILED orders: 60000 — expected < 10", few.describe());
      assertTrue(checks.expect("all", "SELECT count(*) = 60000 FROM orders", Expectation.parse("true")).passed());
      CheckResult two = checks.expect("two", "SELECT id FROM orders WHERE id <= 2", Expectation.parse("1"));
      assertFalse(two.passed());
      assertTrue(two.detail().startsWith("returned 2 rows"), two.detail());

      String revenue = "SELECT sum(total_cents) FROM orders";
      Object before = checks.expect("revenue", revenue, Expectation.parse("> 0")).value();
      assertTrue(checks.expectSameAs("revenue", revenue, before).passed());
      shop.exec("DELETE FROM orders WHERE id = 1");
      CheckResult after = checks.expectSameAs("revenue", revenue, before);
      assertFalse(after.passed());
      assertEquals("before: " + before, after.detail());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void checksInsideATransactionSeeItsUncommittedRowsAndAFailedCheckDoesNotAbortIt(ScratchDb.Kind kind)
      throws Exception {
    try (Shop shop = Shop.seeded(kind); Connection c = shop.db.connection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM orders WHERE id = 7");
      }
      DataChecks inTx = DataChecks.on(c, shop.db.dialect(), shop.db.schema());
      assertEquals(59_999L, inTx.rowCount("orders").value());
      assertThrows(SQLException.class, () -> inTx.expect("bad", "SELECT no_such_column FROM orders",
          Expectation.parse("1")));
      assertEquals(59_999L, inTx.rowCount("orders").value(), "the transaction is still usable");
      assertFalse(c.getAutoCommit());
      c.rollback();
      assertEquals(60_000L, new DataChecks(shop.db).rowCount("orders").value());
    }
  }
}
