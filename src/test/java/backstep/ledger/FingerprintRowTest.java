package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A stored fingerprint's SHA-256 is taken once per body: the run's full "before" (about 50 KB for 100 tables) was
 * hashed three times on its way into the ledger (its event's detail, the upsert, the value returned), a step's "before"
 * twice. The hash itself must stay the SHA-256 of the stored text, as older ledgers recorded it.
 */
class FingerprintRowTest {
  private static final String BODY = "{\"schema\":{\"dialect\":\"POSTGRES\",\"tables\":[]},\"tables\":[]}";

  @Test
  void aRowsHashIsTakenOnceAndIsTheSha256OfItsBody() {
    FingerprintStore.Row row = new FingerprintStore.Row("run", "step:a", BODY, Instant.EPOCH);
    assertSame(row.sha256(), row.sha256(), "hashed again on each use");
    assertEquals(FingerprintStore.sha256Of(BODY), row.sha256());
    // the SHA-256 of the UTF-8 text, hex, lower case: what ledgers written before this change hold
    assertEquals("003eaa1c3cd9df53021ac9ff01411ba63ad7879cd500815bc32371b754b235ea", row.sha256()); // sha256sum
  }

  @Test
  void theUpsertBindsTheBodyOnce() {
    FingerprintStore.Row row = new FingerprintStore.Row("run", "run", BODY, Instant.EPOCH);
    for (SQLDialect d : new SQLDialect[] {SQLDialect.POSTGRES, SQLDialect.MARIADB}) {
      long bodies = FingerprintStore.upsert(DSL.using(d), d == SQLDialect.POSTGRES, row).getBindValues().stream()
          .filter(BODY::equals).count();
      assertEquals(1, bodies, d + ": the body sent twice (insert and update)");
    }
  }
}
