package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.db.Dialect;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.Partition;
import backstep.integrity.SchemaSnapshot.Partitioning;
import backstep.integrity.SchemaSnapshot.PrimaryKey;
import backstep.integrity.SchemaSnapshot.Sequence;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.integrity.SchemaSnapshot.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs of hand-built snapshots: the sentences a DBA reads, and equality that ignores catalog order. */
class SchemaDiffTest {
  private static final Table CUSTOMERS = new Table("customers", List.of(
      new Column("id", "bigint", false, null, "by default"),
      new Column("email", "varchar(255)", true, null, null),
      new Column("total", "integer", false, "0", null)),
      new PrimaryKey("customers_pkey", List.of("id")), List.of(), List.of(), List.of(), List.of());

  private static SchemaSnapshot schema(List<Table> tables, List<Trigger> triggers) {
    return new SchemaSnapshot(Dialect.POSTGRES, tables, List.of(), triggers, List.of());
  }

  @Test
  void columnChangesReadLikeSentences() {
    Table changed = new Table("customers", List.of(
        new Column("id", "bigint", false, null, "by default"),
        new Column("email", "varchar(255)", false, null, null),
        new Column("total", "bigint", false, null, null)),
        new PrimaryKey("customers_pkey", List.of("id")), List.of(), List.of(), List.of(), List.of());

    assertEquals(List.of(
            "column customers.email: nullable → not null",
            "column customers.total: type integer → bigint",
            "column customers.total: default 0 → none"),
        SchemaDiff.diff(schema(List.of(CUSTOMERS), List.of()), schema(List.of(changed), List.of())).stream()
            .map(Difference::describe).toList());
  }

  @Test
  void aMissingTableIsOneDifferenceNotOnePerColumn() {
    Table audit = new Table("audit_log", List.of(new Column("id", "bigint", false, null, null)), null,
        List.of(), List.of(new Index("audit_log_id_idx", List.of("id"), false, "btree", null, true)), List.of(),
        List.of());
    Trigger trigger = new Trigger("customers_split_name", "customers", "BEFORE", List.of("UPDATE", "INSERT"), "ROW",
        "split_name", true);

    assertEquals(List.of("table audit_log: unexpected", "trigger customers_split_name: missing"),
        SchemaDiff.diff(schema(List.of(CUSTOMERS), List.of(trigger)), schema(List.of(CUSTOMERS, audit), List.of()))
            .stream().map(Difference::describe).toList());
  }

  @Test
  void foreignKeyAttributesAndValidity() {
    ForeignKey fk = new ForeignKey("orders_customer_fk", List.of("customer_id"), "customers", List.of("id"),
        "NO ACTION", "NO ACTION", true);
    ForeignKey changed = new ForeignKey("orders_customer_fk", List.of("customer_id"), "accounts", List.of("id"),
        "CASCADE", "NO ACTION", false);
    Table before = new Table("orders", List.of(), null, List.of(), List.of(), List.of(fk), List.of());
    Table after = new Table("orders", List.of(), null, List.of(), List.of(), List.of(changed), List.of());

    assertEquals(List.of(
            "foreign key orders_customer_fk: references customers(id) → accounts(id)",
            "foreign key orders_customer_fk: on delete NO ACTION → CASCADE",
            "foreign key orders_customer_fk: validated → not valid"),
        SchemaDiff.diff(schema(List.of(before), List.of()), schema(List.of(after), List.of())).stream()
            .map(Difference::describe).toList());
  }

  @Test
  void catalogOrderDoesNotMatterButColumnOrderDoes() {
    Index a = new Index("a_idx", List.of("email"), false, "btree", null, true);
    Index b = new Index("b_idx", List.of("total"), false, "btree", null, true);
    Table one = new Table("t", CUSTOMERS.columns(), null, List.of(), List.of(a, b), List.of(), List.of());
    Table two = new Table("t", CUSTOMERS.columns(), null, List.of(), List.of(b, a), List.of(), List.of());
    Trigger x = new Trigger("x", "t", "AFTER", List.of("INSERT", "DELETE"), "ROW", "f", true);
    Trigger y = new Trigger("x", "t", "AFTER", List.of("DELETE", "INSERT"), "ROW", "f", true);
    assertEquals(schema(List.of(one, CUSTOMERS), List.of(x)), schema(List.of(CUSTOMERS, two), List.of(y)));

    Table reordered = new Table("customers", List.of(CUSTOMERS.columns().get(1), CUSTOMERS.columns().get(0),
        CUSTOMERS.columns().get(2)), CUSTOMERS.primaryKey(), List.of(), List.of(), List.of(), List.of());
    assertEquals(List.of("table customers: column order (id, email, total) → (email, id, total)"),
        SchemaDiff.diff(schema(List.of(CUSTOMERS), List.of()), schema(List.of(reordered), List.of())).stream()
            .map(Difference::describe).toList());
  }

  @Test
  void jsonRoundTripKeepsEverything() {
    SchemaSnapshot s = schema(List.of(CUSTOMERS), List.of(new Trigger("t1", "customers", "AFTER",
        List.of("UPDATE"), "STATEMENT", "audit()", false)));
    SchemaSnapshot back = SchemaSnapshot.fromJson(s.toJson());
    assertEquals(s, back);
    assertEquals(s.toJson(), back.toJson());
  }

  /** A file written by `backstep snapshot` before format 2: no format, sequence properties, collations, partitions. */
  private static final String FORMAT_0 = """
      {"dialect":"POSTGRES","tables":[{"name":"customers","columns":[{"name":"id","type":"bigint","nullable":false,
      "identity":"by default"}],"primaryKey":{"name":"customers_pkey","columns":["id"]},"uniqueKeys":[],"indexes":[],
      "foreignKeys":[],"checks":[]}],"views":[],"triggers":[],"sequences":["invoice_no"],"routines":[]}""";

  @Test
  void aSnapshotFileFromBeforeFormat2ReadsAndItsMissingDetailsAreNotReportedAsChanges() {
    SchemaSnapshot old = SchemaSnapshot.fromJson(FORMAT_0);
    assertEquals(0, old.format());
    assertEquals(List.of("invoice_no"), old.sequences());
    assertEquals(List.of(), old.sequenceDetails());

    Table partitioned = new Table("customers", old.tables().get(0).columns(), old.tables().get(0).primaryKey(),
        List.of(), List.of(), List.of(), List.of(), null, "utf8mb4_bin", new Partitioning("HASH", "id", null, null,
            List.of(new Partition("customers_p0", "FOR VALUES WITH (modulus 2, remainder 0)", List.of()))));
    SchemaSnapshot now = new SchemaSnapshot(Dialect.POSTGRES, List.of(partitioned), List.of(), List.of(),
        List.of(), List.of(), List.of(sequence("invoice_no", 1, false)), SchemaSnapshot.FORMAT);
    assertEquals(List.of(), SchemaDiff.diff(old, now), "what the old file did not hold is not compared");
    assertEquals(List.of("table customers: collation none → \"utf8mb4_bin\"",
            "table customers: partitioned by none → HASH (id)"),
        SchemaDiff.diff(new SchemaSnapshot(old.dialect(), old.tables(), old.views(), old.triggers(), old.sequences(),
            old.routines()), now).stream().map(Difference::describe).toList(),
        "between two current snapshots it is");
    assertEquals(now, SchemaSnapshot.fromJson(now.toJson()), "survives JSON");
  }

  @Test
  void sequencePropertiesReadLikeSentences() {
    SchemaSnapshot before = new SchemaSnapshot(Dialect.POSTGRES, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(sequence("invoice_no", 1, false)), SchemaSnapshot.FORMAT);
    SchemaSnapshot after = new SchemaSnapshot(Dialect.POSTGRES, List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(sequence("invoice_no", 10, true)), SchemaSnapshot.FORMAT);
    assertEquals(List.of("invoice_no"), before.sequences(), "names come with the details");
    assertEquals(List.of("sequence invoice_no: increment by 1 → 10", "sequence invoice_no: no cycle → cycle"),
        SchemaDiff.diff(before, after).stream().map(Difference::describe).toList());
  }

  /**
   * An identity column's sequence options are compared when both snapshots hold them, one sentence per option; a
   * snapshot file saved before they were captured (null) is not compared on them; they survive JSON.
   */
  @Test
  void identityOptionsReadLikeSentencesAndAreSkippedAgainstAnOlderFile() {
    Column plain = new Column("id", "bigint", false, null, "by default", null, null, sequence(null, 1, false));
    Column changed = new Column("id", "bigint", false, null, "by default", null, null, sequence(null, 10, true));
    Column old = new Column("id", "bigint", false, null, "by default");
    assertEquals(List.of("column t.id: identity increment by 1 → 10", "column t.id: identity no cycle → cycle"),
        SchemaDiff.diff(withColumn(plain), withColumn(changed)).stream().map(Difference::describe).toList());
    assertEquals(List.of(), SchemaDiff.diff(withColumn(old), withColumn(changed)), "the older file held none");
    assertEquals(withColumn(changed), SchemaSnapshot.fromJson(withColumn(changed).toJson()), "survives JSON");
  }

  private static SchemaSnapshot withColumn(Column c) {
    return schema(List.of(new Table("t", List.of(c), null, List.of(), List.of(), List.of(), List.of())), List.of());
  }

  private static Sequence sequence(String name, long increment, boolean cycle) {
    return new Sequence(name, "bigint", 1, increment, 1, Long.MAX_VALUE, 1, cycle, null, null);
  }
}
