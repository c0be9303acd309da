package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        // a run's whole "before" first: the same statements as the scoped reads, not eight more to plan (session 11)
        assertTrue(SchemaSnapshot.take(c, shop.db.dialect(), shop.db.schema()).table("customers").isPresent());
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
        assertEquals(8, plans.size(), "the eight catalog statements are prepared on the session, for both reads");
        for (long[] p : plans) {
          assertEquals(0, p[1], "no custom plan: one generic plan serves every read");
          assertEquals(8, p[0], "the whole read and each of the seven scoped reads ran the generic plan");
        }
      }
    }
  }

  /**
   * PostgreSQL's reads join comments from pg_description and print an index's plain columns with quote_ident instead
   * of calling obj_description, col_description and pg_get_indexdef for every row (session 11): what they find must
   * be what those functions say, in a whole and in a scoped read, and a change of any of them is still named.
   */
  @Test
  void commentsAndIndexColumnsAreWhatTheServersFunctionsSayAndTheirChangesAreNamed() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE \"Odd Name\" (id int PRIMARY KEY, \"Mixed Case\" text, note text, n int)",
          "COMMENT ON TABLE \"Odd Name\" IS 'odd'", "COMMENT ON COLUMN \"Odd Name\".\"Mixed Case\" IS 'mixed'",
          "CREATE SEQUENCE counter", "COMMENT ON SEQUENCE counter IS 'counts'",
          "CREATE INDEX odd_cols ON \"Odd Name\" (\"Mixed Case\" DESC, note, lower(note), (n + 1)) WHERE n > 0",
          "CREATE INDEX odd_plain ON \"Odd Name\" (n)");
      Set<String> scope = Set.of("Odd Name", "counter");
      try (Connection c = db.connect()) {
        SchemaSnapshot whole = SchemaSnapshot.take(c, Dialect.POSTGRES, "public");
        SchemaSnapshot scoped = SchemaSnapshot.take(c, Dialect.POSTGRES, "public", scope);
        assertEquals(whole.restrictedTo(scope).toJson(), scoped.toJson());
        SchemaSnapshot.Table t = scoped.table("Odd Name").orElseThrow();
        assertEquals(serverSays(c, "SELECT obj_description('\"Odd Name\"'::regclass, 'pg_class')"), t.comment());
        assertEquals(serverSays(c, "SELECT col_description('\"Odd Name\"'::regclass, 2)"),
            t.column("Mixed Case").orElseThrow().comment());
        assertEquals(serverSays(c, "SELECT obj_description('counter'::regclass, 'pg_class')"),
            scoped.sequenceDetails().get(0).comment());
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        t.indexes().forEach(ix -> indexes.put(ix.name(), ix.columns()));
        assertEquals(indexColumnsByTheServer(c), indexes);
        assertEquals(List.of("\"Mixed Case\"", "note", "lower(note)", "(n + 1)"), indexes.get("odd_cols"));

        db.exec("COMMENT ON TABLE \"Odd Name\" IS 'odder'", "COMMENT ON COLUMN \"Odd Name\".\"Mixed Case\" IS NULL",
            "COMMENT ON SEQUENCE counter IS 'still counts'", "DROP INDEX odd_plain",
            "CREATE INDEX odd_plain ON \"Odd Name\" ((n + 0))", "ALTER TABLE \"Odd Name\" RENAME COLUMN note TO memo");
        for (SchemaSnapshot now : List.of(SchemaSnapshot.take(c, Dialect.POSTGRES, "public"),
            SchemaSnapshot.take(c, Dialect.POSTGRES, "public", scope))) {
          List<String> found = SchemaDiff.diff(whole.restrictedTo(scope), now.restrictedTo(scope)).stream()
              .map(Difference::describe).toList();
          assertEquals(List.of("column Odd Name.Mixed Case: comment \"mixed\" → none",
              "column Odd Name.memo: unexpected", "column Odd Name.note: missing",
              "table Odd Name: comment \"odd\" → \"odder\"",
              "index odd_cols: columns (\"Mixed Case\", note, lower(note), (n + 1)) → (\"Mixed Case\", memo,"
                  + " lower(memo), (n + 1))",
              "index odd_plain: columns (n) → ((n + 0))",
              "sequence counter: comment \"counts\" → \"still counts\""), found);
          SchemaSnapshot.Table after = now.table("Odd Name").orElseThrow();
          Map<String, List<String>> cols = new LinkedHashMap<>();
          after.indexes().forEach(ix -> cols.put(ix.name(), ix.columns()));
          assertEquals(indexColumnsByTheServer(c), cols, "the read still prints what pg_get_indexdef prints");
        }
      }
    }
  }

  private static String serverSays(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Each index of "Odd Name" with its key columns as {@code pg_get_indexdef(index, k, true)} prints them. */
  private static Map<String, List<String>> indexColumnsByTheServer(Connection c) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef("
        + "x.indexrelid, k, true) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid, generate_series(1,"
        + " x.indnkeyatts) k WHERE x.indrelid = '\"Odd Name\"'::regclass AND NOT x.indisprimary"
        + " ORDER BY i.relname, k")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return out;
  }
}
