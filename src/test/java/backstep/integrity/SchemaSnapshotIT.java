package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.integrity.SchemaSnapshot.Trigger;
import backstep.testing.ScratchDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Snapshots and diffs of real PostgreSQL and MariaDB schemas. */
class SchemaSnapshotIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void snapshotOfTheDemoShopHasItsTablesColumnsKeysAndIndexesButNotBackstepsOwnTables(ScratchDb.Kind kind)
      throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      if (shop.postgres()) {
        shop.exec("CREATE SCHEMA backstep", "CREATE TABLE backstep.event (seq bigint primary key)",
            "CREATE SCHEMA backstep_recovery_1", "CREATE TABLE backstep_recovery_1.orders (id bigint)");
      } else { // a MariaDB schema is a server-wide database: the ledger lives in tables here
        shop.exec("CREATE TABLE backstep_run (id bigint primary key)",
            "CREATE TABLE backstep_event (seq bigint primary key)", "CREATE TABLE backstep_recovery_1 (id bigint)",
            "CREATE TABLE backstep_rp_drop_legacy_1a2b3c4d (id bigint)");
      }
      SchemaSnapshot s = SchemaSnapshot.take(shop.db);

      assertEquals(List.of("customers", "feature_flags", "orders"), s.tables().stream().map(Table::name).toList());
      Table customers = s.table("customers").orElseThrow();
      assertEquals(List.of("id", "full_name", "email", "country", "created_at"), customers.columnNames());
      assertEquals(new Column("full_name", "varchar(200)", false, null, null), customers.column("full_name").get());
      assertEquals("char(2)", customers.column("country").get().type());
      assertEquals("bigint", customers.column("id").get().type());
      assertNotNull(customers.column("id").get().identity(), "id is an identity / auto_increment column");
      assertEquals(List.of("id"), customers.primaryKey().columns());
      assertEquals("customers_email_key", customers.uniqueKeys().get(0).name());
      assertEquals(List.of("email"), customers.uniqueKeys().get(0).columns());

      Table flags = s.table("feature_flags").orElseThrow();
      assertEquals("boolean", flags.column("enabled").get().type());
      assertEquals(kind == ScratchDb.Kind.POSTGRES ? "timestamp" : "datetime", flags.column("updated_at").get().type());
      assertTrue(flags.column("updated_at").get().defaultValue().toLowerCase().startsWith("current_timestamp"));

      ForeignKey fk = s.table("orders").orElseThrow().foreignKeys().get(0);
      assertEquals("orders_customer_fk", fk.name());
      assertEquals(List.of("customer_id"), fk.columns());
      assertEquals("customers", fk.refTable());
      assertEquals(List.of("id"), fk.refColumns());
      assertTrue(fk.validated());
      // InnoDB adds an index for the foreign key; PostgreSQL does not.
      assertEquals(kind == ScratchDb.Kind.MARIADB, s.table("orders").get().hasIndexOn(List.of("customer_id")));
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void viewsTriggersChecksAndIndexesAreCapturedAndSurviveJson(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.exec("CREATE VIEW paid_orders AS SELECT id,   total_cents FROM orders WHERE status = 'paid'",
          "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents > 0)",
          "CREATE INDEX orders_status_created_idx ON orders (status, created_at)");
      if (shop.postgres()) {
        shop.exec("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now();"
            + " RETURN NEW; END $$",
            "CREATE TRIGGER flags_touch BEFORE UPDATE OR INSERT ON feature_flags FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE SEQUENCE invoice_no");
      } else {
        shop.exec("CREATE TRIGGER flags_touch BEFORE UPDATE ON feature_flags FOR EACH ROW SET NEW.updated_at = now()");
      }
      SchemaSnapshot s = SchemaSnapshot.take(shop.db);

      assertEquals(List.of("paid_orders"), s.views().stream().map(SchemaSnapshot.View::name).toList());
      assertFalse(s.views().get(0).definition().contains("  "), "whitespace squashed");
      Table orders = s.table("orders").orElseThrow();
      assertEquals("orders_total_positive", orders.checks().get(0).name());
      assertTrue(orders.checks().get(0).expression().contains("total_cents"));
      SchemaSnapshot.Index ix = orders.indexes().stream().filter(i -> i.name().equals("orders_status_created_idx"))
          .findFirst().orElseThrow();
      assertEquals(List.of("status", "created_at"), ix.columns());
      assertTrue(ix.valid());
      Trigger t = s.triggers().get(0);
      assertEquals(List.of("flags_touch", "feature_flags", "BEFORE", "ROW"),
          List.of(t.name(), t.table(), t.timing(), t.level()));
      assertEquals(shop.postgres() ? List.of("INSERT", "UPDATE") : List.of("UPDATE"), t.events());
      assertEquals(shop.postgres() ? List.of("invoice_no") : List.of(), s.sequences());

      SchemaSnapshot back = SchemaSnapshot.fromJson(s.toJson());
      assertEquals(s, back);
      assertEquals(s, SchemaSnapshot.take(shop.db), "a second snapshot of the same schema is equal");
      assertEquals(List.of(), SchemaDiff.diff(s, back));
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void twoSchemasDifferingByAnIndexAColumnTypeAndAForeignKeyGiveExactlyThoseThreeDifferences(ScratchDb.Kind kind)
      throws Exception {
    try (Shop expected = Shop.seeded(kind); Shop actual = Shop.seeded(kind)) {
      actual.exec("CREATE INDEX orders_status_idx ON orders (status)");
      actual.either("ALTER TABLE customers ALTER COLUMN full_name TYPE varchar(300)",
          "ALTER TABLE customers MODIFY full_name varchar(300) NOT NULL");
      // On MariaDB the index InnoDB made for the key stays behind, in both databases: only the key differs.
      actual.either("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk",
          "ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk");

      SchemaSnapshot e = SchemaSnapshot.take(expected.db);
      SchemaSnapshot a = SchemaSnapshot.take(actual.db);

      assertEquals(List.of(
              "column customers.full_name: type varchar(200) → varchar(300)",
              "index orders_status_idx: unexpected",
              "foreign key orders_customer_fk: missing"),
          SchemaDiff.diff(e, a).stream().map(Difference::describe).toList());
      assertEquals(List.of(
              "column customers.full_name: type varchar(300) → varchar(200)",
              "index orders_status_idx: missing",
              "foreign key orders_customer_fk: unexpected"),
          SchemaDiff.diff(a, e).stream().map(Difference::describe).toList());
      Difference type = SchemaDiff.diff(e, a).get(0);
      assertEquals(new Difference(Difference.Kind.COLUMN, "customers.full_name", "type", "varchar(200)",
          "varchar(300)"), type);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void nullabilityDefaultAndColumnOrderChangesAreNamed(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.exec("ALTER TABLE orders ADD COLUMN note varchar(50) NOT NULL DEFAULT 'none'");
      SchemaSnapshot before = SchemaSnapshot.take(shop.db);
      if (shop.postgres()) {
        shop.exec("ALTER TABLE orders ALTER COLUMN note DROP NOT NULL",
            "ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'n/a'");
      } else {
        shop.exec("ALTER TABLE orders MODIFY note varchar(50) NULL DEFAULT 'n/a'");
      }
      // a rollback that re-creates a dropped column puts it at the end
      shop.exec("ALTER TABLE orders DROP COLUMN status",
          "ALTER TABLE orders ADD COLUMN status varchar(20) NOT NULL DEFAULT 'x'");

      String cast = shop.postgres() ? "::character varying" : "";
      assertEquals(List.of(
              "column orders.note: not null → nullable",
              "column orders.note: default 'none'" + cast + " → 'n/a'" + cast,
              "column orders.status: default none → 'x'" + cast,
              "table orders: column order (id, customer_id, status, total_cents, created_at, note)"
                  + " → (id, customer_id, total_cents, created_at, note, status)"),
          SchemaDiff.diff(before, SchemaSnapshot.take(shop.db)).stream().map(Difference::describe).toList());
    }
  }

  @Test
  void postgresShowsPartialPredicatesInvalidIndexesAndNotValidConstraints() throws Exception {
    try (Shop shop = Shop.seeded(ScratchDb.Kind.POSTGRES)) {
      SchemaSnapshot before = SchemaSnapshot.take(shop.db);
      shop.exec("CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending'",
          "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents > 0) NOT VALID");
      try {
        // duplicates make the build fail and leave an INVALID index behind
        shop.exec("CREATE UNIQUE INDEX CONCURRENTLY customers_name_country_idx ON customers (full_name, country)");
      } catch (java.sql.SQLException expected) {
        assertEquals("23505", expected.getSQLState());
      }
      SchemaSnapshot after = SchemaSnapshot.take(shop.db);
      SchemaSnapshot.Index invalid = after.table("customers").get().indexes().get(0);
      assertFalse(invalid.valid());
      assertTrue(invalid.unique());
      SchemaSnapshot.Index partial = after.table("orders").get().indexes().get(0);
      assertEquals("((status)::text = 'pending'::text)", partial.predicate());
      assertFalse(after.table("orders").get().checks().get(0).validated());

      assertEquals(List.of("index customers_name_country_idx: unexpected", "index orders_pending_idx: unexpected",
              "check constraint orders_total_positive: unexpected"),
          SchemaDiff.diff(before, after).stream().map(Difference::describe).toList());

      shop.exec("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive",
          "DROP INDEX customers_name_country_idx",
          "CREATE UNIQUE INDEX customers_name_country_idx ON customers (email, full_name)");
      assertEquals(List.of(
              "index customers_name_country_idx: columns (full_name, country) → (email, full_name)",
              "index customers_name_country_idx: invalid → valid",
              "check constraint orders_total_positive: not valid → validated"),
          SchemaDiff.diff(after, SchemaSnapshot.take(shop.db)).stream().map(Difference::describe).toList());
      assertNull(SchemaSnapshot.take(shop.db).table("customers").get().indexes().get(0).predicate());
    }
  }
}
