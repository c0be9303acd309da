package backstep.db;

import static backstep.db.DemoShopDbs.count;
import static backstep.db.DemoShopDbs.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.DemoSchema.SeedResult;
import backstep.db.DemoShopDbs.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the demo shop's seed writes, in scratch databases on the running PostgreSQL 15 and MariaDB 10.11 servers. No
 * clock in what it asserts, so it shares the machine with other JVMs; the seed's time is {@link DemoSchemaIT}'s,
 * alone.
 */
class DemoSchemaRowsIT {
  @RegisterExtension
  static final DemoShopDbs DBS = new DemoShopDbs();

  @ParameterizedTest
  @EnumSource(Target.class)
  void seedsTheShopWithConsistentRows(Target t) throws SQLException {
    SeedResult result = DBS.seeded(t);
    assertEquals(List.of(20_000L, 60_000L, 4L), List.of(result.customers(), result.orders(), result.flags()));
    try (Connection c = DBS.connect(t)) {
      assertEquals(20_000L, count(c, "select count(*) from customers"));
      assertEquals(60_000L, count(c, "select count(*) from orders"));
      assertEquals(0L, count(c, "select count(*) from orders o left join customers c on c.id = o.customer_id"
          + " where c.id is null"), "orders without a customer");
      assertEquals(0L, count(c, "select count(*) from orders o join customers c on c.id = o.customer_id"
          + " where o.created_at <= c.created_at"), "orders older than their customer");
      assertEquals(0L, count(c, "select count(*) from orders where total_cents not between 500 and 50000"
          + " or status not in ('pending', 'paid', 'shipped', 'delivered', 'refunded', 'cancelled')"));
      assertEquals(12L, count(c, "select count(distinct country) from customers"));
      assertEquals(0L, count(c, "select count(*) from customers where email not like '%.%.%@example.com'"
          + " or created_at < '2023-01-01' or created_at >= '2026-01-01'"));
      assertEquals(List.of("bulk_export|false", "dark_mode|false", "legacy_search|true", "new_checkout|true"),
          rows(c, "select name, enabled from feature_flags order by name"));
    }
  }

  /** A sample playbook adds unique (full_name, country) and must fail on these duplicates. */
  @ParameterizedTest
  @EnumSource(Target.class)
  void somePeopleShareANameInTheSameCountry(Target t) throws SQLException {
    try (Connection c = DBS.connect(t)) {
      long pairs = count(c, "select count(*) from (select full_name, country from customers"
          + " group by full_name, country having count(*) > 1) d");
      assertTrue(pairs > 100, "duplicate (full_name, country) pairs: " + pairs);
    }
  }

  @Test
  void postgresAndMariaDbGetIdenticalRows() throws SQLException {
    try (Connection pg = DBS.connect(Target.POSTGRES); Connection maria = DBS.connect(Target.MARIADB)) {
      for (String sql : List.of(
          "select id, full_name, email, country, created_at from customers order by id",
          "select id, customer_id, status, total_cents, created_at from orders order by id",
          "select name, enabled, updated_at from feature_flags order by name",
          "select sum(total_cents) from orders")) {
        assertEquals(rows(pg, sql), rows(maria, sql), sql);
      }
      assertEquals(List.of("1|Jonas Murphy|jonas.murphy.1@example.com|GB|2023-01-01T01:23:36"),
          rows(pg, "select id, full_name, email, country, created_at from customers where id = 1"));
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void schemaUsesUnquotedLowerCaseNamesAndTheAgreedConstraints(Target t) throws SQLException {
    try (Connection c = DBS.connect(t)) {
      String schema = t == Target.POSTGRES ? "current_schema" : "database()";
      assertEquals(List.of("customers_email_key|UNIQUE", "orders_customer_fk|FOREIGN KEY"),
          rows(c, "select constraint_name, constraint_type from information_schema.table_constraints"
              + " where table_schema = " + schema + " and constraint_type in ('UNIQUE', 'FOREIGN KEY')"
              + " order by constraint_name"));
      String timestampType = t == Target.POSTGRES ? "timestamp without time zone" : "datetime";
      assertEquals(List.of("customers|" + timestampType, "feature_flags|" + timestampType, "orders|" + timestampType),
          rows(c, "select table_name, data_type from information_schema.columns where table_schema = " + schema
              + " and column_name in ('created_at', 'updated_at') order by table_name"));
      if (t == Target.MARIADB) {
        assertEquals(List.of("customers|InnoDB|utf8mb4", "feature_flags|InnoDB|utf8mb4", "orders|InnoDB|utf8mb4"),
            rows(c, "select table_name, engine, substring_index(table_collation, '_', 1)"
                + " from information_schema.tables where table_schema = database() order by table_name"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void refusesToOverwriteExistingTablesWithoutReplace(Target t) throws SQLException {
    try (Connection c = DBS.connect(t)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> DemoSchema.seed(c, t.dialect, false));
      assertEquals("demo tables already exist: customers, orders, feature_flags (use --replace to recreate them)",
          e.getMessage());
      assertEquals(20_000L, count(c, "select count(*) from customers"));
      assertTrue(c.getAutoCommit(), "autocommit restored");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void replaceRecreatesTheTablesAndNewRowsGetTheNextId(Target t) throws SQLException {
    try (Connection c = DBS.connect(t)) {
      assertEquals(20_001L, insertCustomer(c, "before@example.com"));
      assertEquals(20_001L, count(c, "select count(*) from customers"));

      SeedResult again = DemoSchema.seed(c, t.dialect, true);

      assertEquals(20_000L, again.customers());
      assertEquals(20_000L, count(c, "select count(*) from customers"));
      assertEquals(0L, count(c, "select count(*) from customers where email = 'before@example.com'"));
      c.setAutoCommit(false);
      try {
        assertEquals(20_001L, insertCustomer(c, "after@example.com"));
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  /** No MySQL server here: the MYSQL rendering runs on MariaDB, which accepts the same DDL. */
  @Test
  void theMySqlDialectSeedsTheSameRows() throws SQLException {
    String sql = "select id, full_name, email, country, created_at from customers order by id";
    try (Connection my = DBS.createMySqlDialectDb(); Connection maria = DBS.connect(Target.MARIADB)) {
      assertEquals(60_000L, DemoSchema.seed(my, SQLDialect.MYSQL, false).orders());
      assertEquals(List.of("datetime|bigint"), rows(my, "select distinct c.data_type, i.data_type"
          + " from information_schema.columns c join information_schema.columns i on i.table_schema = c.table_schema"
          + " and i.column_name = 'id' and i.extra = 'auto_increment'"
          + " where c.table_schema = database() and c.column_name = 'created_at'"));
      assertEquals(rows(maria, sql), rows(my, sql));
    }
  }

  @Test
  void rejectsOtherDialects() {
    assertThrows(IllegalArgumentException.class, () -> DemoSchema.seed(null, SQLDialect.H2, false));
    assertEquals(List.of("customers", "orders", "feature_flags"), DemoSchema.tables());
  }

  private static long insertCustomer(Connection c, String email) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("insert into customers (full_name, email, country, created_at)"
          + " values ('New Customer', '" + email + "', 'US', '2026-01-02 10:00:00')", Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = s.getGeneratedKeys()) {
        assertTrue(keys.next());
        return keys.getLong(1);
      }
    }
  }
}
