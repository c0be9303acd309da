package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.Index;
import backstep.integrity.SchemaSnapshot.PrimaryKey;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.playbook.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run stores its fingerprints without null fields since session 10; the ledger still holds bodies written with
 * explicit nulls by the versions before. A rollback in a new process reads either and proves against it alike.
 */
class FingerprintJsonTest {
  private static Fingerprint shop(boolean withNote) {
    List<Column> cols = new java.util.ArrayList<>(List.of(
        new Column("id", "bigint", false, null, "by default"),
        new Column("email", "varchar(255)", true, null, null),
        new Column("total", "integer", false, "0", null)));
    if (withNote) {
      cols.add(new Column("note", "text", true, null, null));
    }
    Table customers = new Table("customers", cols, new PrimaryKey("customers_pkey", List.of("id")), List.of(),
        List.of(new Index("customers_email_idx", List.of("email"), false, "btree", null, true)), List.of(),
        List.of());
    Table log = new Table("audit_log", List.of(new Column("at", "timestamp", true, null, null)), null, List.of(),
        List.of(), List.of(), List.of());
    return new Fingerprint(new SchemaSnapshot(Dialect.POSTGRES, List.of(customers, log), List.of(), List.of(),
        List.of()), List.of(new TableChecksum("customers", 3, "5f1e"), new TableChecksum("audit_log", 0, "0")));
  }

  @Test
  void aBodyStoredWithNullsByAnOlderVersionReadsAsTheSameFingerprint() {
    Fingerprint f = shop(false);
    String older = Json.compactWithNulls(f); // as RunProof stored it before session 10
    String now = f.compactJson();
    assertTrue(older.contains(":null"), older);
    assertFalse(now.contains(":null"), now);
    assertTrue(now.length() < older.length() * 0.8, now.length() + " against " + older.length());
    assertEquals(f, Fingerprint.fromJson(older));
    assertEquals(Fingerprint.fromJson(older), Fingerprint.fromJson(now));
    assertEquals(List.of(), Fingerprint.compare(Fingerprint.fromJson(older), Fingerprint.fromJson(now)));
  }

  @Test
  void aRollbackThatLeftAColumnIsStillCaughtAgainstAnOlderBody() {
    Fingerprint before = Fingerprint.fromJson(Json.compactWithNulls(shop(false)));
    Fingerprint after = Fingerprint.fromJson(shop(true).compactJson());
    List<String> diffs = Fingerprint.compare(before, after).stream().map(Difference::describe).toList();
    assertEquals(1, diffs.size(), diffs.toString());
    assertTrue(diffs.get(0).contains("note"), diffs.toString());
  }
}
