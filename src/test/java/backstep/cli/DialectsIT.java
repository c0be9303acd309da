package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A playbook whose {@code dialects:} leave out the target's family is refused before anything runs. */
class DialectsIT {
  @TempDir
  Path dir;

  @Test
  void aPostgresqlOnlyPlaybookIsRefusedOnMariadbNamingPlaybookDialectsAndTarget() throws Exception {
    Path pb = dir.resolve("pg-only.yaml");
    Files.writeString(pb, """
        id: orders-note-pg
        title: Add orders.note
        intent: PostgreSQL only.
        dialects: [postgresql]
        steps:
          - id: add-note
            kind: sql
            title: Add orders.note
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
        """);
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.MARIADB)) {
      List<String> before = db.dump();
      Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(2, r.exit(), r::toString);
      assertTrue((r.out() + r.err()).contains("playbook 'orders-note-pg' is for [postgresql] only: it has no mysql "
          + "SQL for step 'add-note', so it cannot run on MariaDB target"), r::toString);
      assertEquals(before, db.dump(), "nothing ran");
    }
  }
}
