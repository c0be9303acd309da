package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression: a verify that changed data (there, {@code WITH d AS (DELETE … RETURNING 1) SELECT count(*) FROM d})
 * deleted rows for good while the output said nothing changed. Validation refuses what it can read; a verify that
 * writes through a function it calls is refused by the server, because verify runs read-only.
 */
class VerifyReadOnlyIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aVerifyThatWritesThroughAFunctionIsRefusedAndTheTableIsUnchanged(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE audit_log (id INT PRIMARY KEY, what VARCHAR(40))");
        st.execute("INSERT INTO audit_log VALUES (1, 'login'), (2, 'refund'), (3, 'logout')");
        st.execute(pg ? "CREATE FUNCTION purge_audit() RETURNS int LANGUAGE sql AS "
            + "'DELETE FROM audit_log RETURNING 1'"
            : "CREATE FUNCTION purge_audit() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM audit_log; RETURN 1; END");
      }
      Path pb = dir.resolve("audit-note.yaml");
      Files.writeString(pb, """
          id: audit-note
          title: Add a note to audit entries
          intent: let support annotate audit entries
          steps:
            - id: add-note
              kind: sql
              title: Add audit_log.note
              forward: ALTER TABLE audit_log ADD COLUMN note VARCHAR(200)
              rollback: ALTER TABLE audit_log DROP COLUMN note
              verify:
                - sql: SELECT purge_audit() FROM audit_log WHERE id = 1
                  expect: 1
          """);
      Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("tried to change data"), r.toString());
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
        rs.next();
        assertEquals(3, rs.getInt(1), "the verify deleted nothing");
      }
    }
  }
}
