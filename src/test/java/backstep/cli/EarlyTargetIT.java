package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.history.HistoryWriter;
import backstep.history.ImportResult;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code apply HISTORY} opens its target on a thread of its own while the playbooks parse ({@link EarlyTarget}).
 * What the user sees must not change with it: an invalid history is reported as invalid (exit 2) whether or not the
 * target could be opened, and leaves nothing on the target; a valid history on an unreachable target fails as
 * unreachable (exit 4); a valid one on a reachable target is applied.
 */
class EarlyTargetIT {
  /** Nothing listens on port 1: the connection is refused at once. */
  private static final List<String> UNREACHABLE = List.of("--url", "jdbc:postgresql://127.0.0.1:1/nowhere",
      "--user", "postgres", "--environment", "sandbox");

  @TempDir
  Path dir;

  private HistoryWriter.Written history() throws Exception {
    Map<DialectFamily, String> up1 = Map.of(DialectFamily.POSTGRESQL, "CREATE TABLE rooms (id int PRIMARY KEY)",
        DialectFamily.MYSQL, "CREATE TABLE rooms (id int PRIMARY KEY)");
    Map<DialectFamily, String> down1 = Map.of(DialectFamily.POSTGRESQL, "DROP TABLE rooms",
        DialectFamily.MYSQL, "DROP TABLE rooms");
    Map<DialectFamily, String> up2 = Map.of(DialectFamily.POSTGRESQL, "ALTER TABLE rooms ADD COLUMN name text",
        DialectFamily.MYSQL, "ALTER TABLE rooms ADD COLUMN name text");
    Map<DialectFamily, String> down2 = Map.of(DialectFamily.POSTGRESQL, "ALTER TABLE rooms DROP COLUMN name",
        DialectFamily.MYSQL, "ALTER TABLE rooms DROP COLUMN name");
    List<Migration> ms = List.of(
        new Migration("1", "rooms", "V1__rooms.sql", 1, "ana", "crc32:1", false, up1, down1, Map.of(), List.of()),
        new Migration("2", "room name", "V2__room_name.sql", 1, "ana", "crc32:2", false, up2, down2, Map.of(),
            List.of()));
    return HistoryWriter.write(new ImportResult("flyway", Path.of("db/migration"), "rooms",
        Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), ms, List.of(), List.of()), dir.resolve("history"),
        true, Instant.now());
  }

  /** The written history with its second playbook broken (a step without its kind's fields). */
  private Path invalid() throws Exception {
    HistoryWriter.Written w = history();
    Files.writeString(w.playbooks().get(1), "\n  - id: broken\n    kind: sql\n", StandardOpenOption.APPEND);
    return w.history();
  }

  private static String[] args(List<String> target, String... first) {
    List<String> a = new ArrayList<>(List.of(first));
    a.addAll(target);
    a.add("-y");
    return a.toArray(new String[0]);
  }

  @Test
  void anInvalidHistoryOnAnUnreachableTargetIsReportedAsInvalid() throws Exception {
    Cli.Result r = Cli.run(args(UNREACHABLE, "apply", invalid().toString()));
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("problem(s) in"), r.toString());
    assertFalse(r.toString().contains("cannot connect"), "the target's failure to open, opened beside the "
        + "history's reading, was reported instead of the invalid history: " + r);
  }

  @Test
  void aValidHistoryOnAnUnreachableTargetFailsAsUnreachable() throws Exception {
    Cli.Result r = Cli.run(args(UNREACHABLE, "apply", history().history().toString()));
    assertEquals(4, r.exit(), r.toString());
    assertTrue(r.err().contains("cannot connect to target"), r.toString());
  }

  @Test
  void aPasswordVariableThatIsNotSetIsStillSaidAfterTheHistoryIsRead() throws Exception {
    List<String> target = new ArrayList<>(UNREACHABLE);
    target.addAll(List.of("--password-env", "BACKSTEP_EARLY_TARGET_IT_UNSET"));
    Cli.Result invalid = Cli.run(args(target, "apply", invalid().toString()));
    assertEquals(2, invalid.exit(), invalid.toString());
    Cli.Result valid = Cli.run(args(target, "apply", history().history().toString()));
    assertEquals(4, valid.exit(), valid.toString());
    assertTrue(valid.err().contains("BACKSTEP_EARLY_TARGET_IT_UNSET is not set"), valid.toString());
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void anInvalidHistoryLeavesNothingAndAValidOneIsApplied(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result bad = Cli.run(args(db.cliArgs(), "apply", invalid().toString()));
      assertEquals(2, bad.exit(), bad.toString());
      assertFalse(db.hasLedger(), "an invalid history created the ledger on a target opened beside its reading");
      String here = kind == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()";
      assertEquals(List.of("0"), db.rows("SELECT count(*) FROM information_schema.tables WHERE table_name = "
          + "'rooms' AND table_schema = " + here), "an invalid history changed the target");
      Cli.Result good = Cli.run(args(db.cliArgs(), "apply", history().history().toString()));
      assertEquals(0, good.exit(), good.toString());
      assertTrue(good.out().contains("APPLIED — 2 migration(s) applied"), good.toString());
    }
  }
}
