package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scoped catalog read a run takes around each step (prepared statements on PostgreSQL) sees exactly what the
 * whole-schema read sees of the same objects: inside a step's transaction right after DDL, after the session's
 * prepared statements were thrown away, and for a name that needs quoting.
 */
class ScopedSnapshotIT {
  private static final List<Set<String>> SCOPES = List.of(
      Set.of("customers"), Set.of("orders", "customers"), Set.of("order_totals", "orders"),
      Set.of("it's_quoted", "customers"), Set.of("no_such_table"), Set.of());

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aScopedReadEqualsTheWholeReadCutDownToTheSameObjects(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.exec("CREATE VIEW order_totals AS SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id",
          "CREATE TABLE \"it's_quoted\" (id int primary key, note varchar(20))".replace('"',
              shop.postgres() ? '"' : '`'));
      try (Connection c = shop.db.connection()) {
        SchemaSnapshot whole = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema());
        for (int round = 0; round < 3; round++) { // again once the statements are prepared
          for (Set<String> scope : SCOPES) {
            assertEquals(whole.restrictedTo(scope).toJson(),
                SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), scope).toJson(), "scope " + scope);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void insideAStepTransactionTheReadSeesItsUncommittedDdl(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      try (Connection c = shop.db.connection()) {
        SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("customers")); // prepares them
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("ALTER TABLE customers ADD COLUMN email_verified int");
          SchemaSnapshot in = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("customers"));
          assertTrue(in.table("customers").orElseThrow().column("email_verified").isPresent());
          c.rollback();
        } finally {
          c.setAutoCommit(true);
        }
        SchemaSnapshot after = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("customers"));
        assertEquals(shop.postgres(), after.table("customers").orElseThrow().column("email_verified").isEmpty(),
            "PostgreSQL rolled the column back; MariaDB committed the DDL by itself");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aSessionWhosePreparedStatementsWereDeallocatedStillReads(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      try (Connection c = shop.db.connection()) {
        SchemaSnapshot first = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("orders"));
        if (shop.postgres()) {
          try (Statement st = c.createStatement()) {
            st.execute("DEALLOCATE ALL");
          }
        }
        assertEquals(first.toJson(),
            SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("orders")).toJson());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aReadThatFailedPartWayLeavesTheSessionReadable() throws Exception {
    try (Shop shop = Shop.seeded(ScratchDb.Kind.POSTGRES)) {
      try (Connection c = shop.db.connection()) {
        try (Statement st = c.createStatement()) {
          st.execute("SET statement_timeout = 1");
        }
        for (int i = 0; i < 5; i++) {
          try {
            SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("orders", "customers"));
          } catch (java.sql.SQLException expected) {
            // cancelled somewhere between the PREPAREs and the EXECUTEs
          }
        }
        try (Statement st = c.createStatement()) {
          st.execute("RESET statement_timeout");
        }
        SchemaSnapshot whole = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema());
        assertEquals(whole.restrictedTo(Set.of("orders")).toJson(),
            SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("orders")).toJson());
      }
    }
  }

  /**
   * A run reads the catalog around every step on one connection: its statements are planned once for the session
   * (a generic plan), not afresh for each of the first five reads as the server otherwise does. Those custom plans
   * were most of a scoped read's server time right after a step's DDL (docs/performance.md, session 10).
   */
  @org.junit.jupiter.api.Test
  void aRunsScopedReadsAreNotPlannedAgainForEachStep() throws Exception {
    try (Shop shop = Shop.seeded(ScratchDb.Kind.POSTGRES)) {
      try (Connection c = shop.db.connection()) {
        for (int step = 0; step < 7; step++) {
          c.setAutoCommit(false);
          try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE customers ADD COLUMN note" + step + " varchar(10)");
            SchemaSnapshot in = SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema(), Set.of("customers"));
            assertTrue(in.table("customers").orElseThrow().column("note" + step).isPresent());
            c.commit();
          } finally {
            c.setAutoCommit(true);
          }
        }
        List<long[]> plans = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT generic_plans,"
            + " custom_plans FROM pg_prepared_statements WHERE name LIKE 'backstep\\_catalog\\_%'")) {
          while (rs.next()) {
            plans.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
        assertEquals(8, plans.size(), "the eight catalog statements are prepared on the session");
        for (long[] p : plans) {
          assertEquals(0, p[1], "no custom plan: one generic plan serves every read");
          assertEquals(7, p[0], "each of the seven reads ran the generic plan");
        }
      }
    }
  }
}
