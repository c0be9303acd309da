package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fingerprint stored again under the same run and label (a retried step's "before") replaces the first, body,
 * hash and time, on both families: the replacing update takes the inserted row's values, and the body is bound once.
 */
class FingerprintStoreIT {
  private static final Instant AT = Instant.parse("2026-12-07T05:00:00.250Z");

  @ParameterizedTest
  @EnumSource(value = ScratchDb.Kind.class, names = {"POSTGRES", "MARIADB"})
  void aFingerprintStoredAgainReplacesBodyHashAndTime(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open(); Connection c = db.connection()) {
      new Ledger(db).ensureSchema(c);
      FingerprintStore store = new FingerprintStore(db);
      String first = "{\"tables\":[{\"table\":\"a\",\"rows\":1}]}";
      String second = "{\"tables\":[{\"table\":\"a\",\"rows\":2,\"note\":\"é ü — 中\"}]}";
      store.save(c, "r1", "step:a", first, AT);
      String sha = store.save(c, new FingerprintStore.Row("r1", "step:a", second, AT.plusSeconds(7)));

      FingerprintStore.Stored stored = store.load(c, "r1", "step:a").orElseThrow();
      assertEquals(second, stored.body());
      assertEquals(sha, stored.sha256());
      assertEquals(FingerprintStore.sha256Of(second), stored.sha256());
      assertTrue(stored.intact());
      String table = db.dialect() == Dialect.POSTGRES ? "backstep.fingerprint" : "backstep_fingerprint";
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*), max(started_ms) FROM " + table)) {
        rs.next();
        assertEquals(1, rs.getLong(1), "replaced, not added");
        assertEquals(AT.plusSeconds(7).toEpochMilli(), rs.getLong(2), "the time replaced too");
      }
    }
  }
}
