package backstep.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.history.HistoryWriter;
import backstep.history.ImportResult;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import backstep.playbook.Origin;
import backstep.state.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching a history with a tool's table, without a database: rows are written here as the tools leave them. */
class BaselineTest {
  private static final DialectFamily PG = DialectFamily.POSTGRESQL;

  @TempDir
  Path dir;

  private History history(String format, List<Migration> ms) throws Exception {
    HistoryWriter.write(new ImportResult(format, dir, "shop", Set.of(PG), ms, List.of(), List.of()), dir, false,
        Instant.EPOCH);
    return new HistoryLoader(new backstep.playbook.PlaybookLoader(null)).load(dir);
  }

  private static Migration migration(String version, String checksum, boolean repeatable) {
    return new Migration(version, "step " + version, "V" + version + ".sql", 1, "", checksum, repeatable,
        Map.of(PG, "CREATE TABLE t" + version.replaceAll("\\W", "_") + " (id int)"), Map.of(PG, "DROP TABLE x"),
        Map.of(), List.of());
  }

  private static AppliedRow row(String version, String checksum) {
    return new AppliedRow(version, "step " + version, "", checksum, "2026-01-02 10:00:00", "ops", false,
        "table " + version, Map.of());
  }

  private static List<Baseline.State> states(Baseline b) {
    return b.entries().stream().map(Baseline.Entry::state).toList();
  }

  @Test
  void flywayVersionsCompareAsNumbersAndABaselineCountsWhatItCovers() throws Exception {
    History h = history("flyway", List.of(migration("1", "crc32:1", false), migration("1.9", "crc32:2", false),
        migration("1.10", "crc32:3", false), migration("2", "crc32:4", false)));
    AppliedRow baseline = new AppliedRow("1.9", "<< Flyway Baseline >>", "", "", "2026-01-01 00:00:00", "ops", false,
        "flyway_schema_history installed_rank 1", Map.of());
    TableRead read = new TableRead("public.flyway_schema_history", List.of(row("1.10", "crc32:3")),
        Optional.of(baseline), false, List.of(), List.of());
    Baseline b = Baseline.plan(h, new FlywayTable(), read, Map.of(), PG);
    assertEquals(List.of(Baseline.State.ADOPT, Baseline.State.ADOPT, Baseline.State.ADOPT,
        Baseline.State.NOT_APPLIED), states(b));
    assertTrue(b.entries().get(0).appliedBy().startsWith("counted as applied by Flyway's baseline"),
        b.entries().get(0).appliedBy());
    assertFalse(b.refused(false), b.toString());
    assertTrue(Versions.dotted("1.10", "1.9").orElseThrow() > 0);
    assertEquals(Optional.of(0), Versions.dotted("1.0", "1"));
  }

  @Test
  void aRepeatableIsMatchedByItsDescriptionAndNeverMakesAGap() throws Exception {
    History h = history("flyway", List.of(migration("1", "crc32:1", false), migration("2", "crc32:2", false),
        migration("R", "crc32:9", true)));
    AppliedRow view = new AppliedRow("step R", "step R", "R__step_R.sql", "crc32:9", "", "", true, "rank 2",
        Map.of());
    Baseline b = Baseline.plan(h, new FlywayTable(), TableRead.rows("t", List.of(row("1", "crc32:1"), view),
        List.of(), List.of()), Map.of(), PG);
    assertEquals(List.of(Baseline.State.ADOPT, Baseline.State.NOT_APPLIED, Baseline.State.ADOPT), states(b));
    assertEquals(List.of(), b.gaps());
  }

  @Test
  void whatTheLedgerHasIsNeverRecordedAgainAndItsStateCountsForGaps() throws Exception {
    History h = history("flyway", List.of(migration("1", "crc32:1", false), migration("2", "crc32:2", false),
        migration("3", "crc32:3", false)));
    TableRead read = TableRead.rows("t", List.of(row("1", "crc32:1"), row("2", "crc32:2"), row("3", "crc32:3")),
        List.of(), List.of());
    // adopted before; then Backstep rolled 3 back (Flyway's table still lists it) and 2 is in effect
    Map<String, Baseline.InLedger> ledger = Map.of("1-step-1", new Baseline.InLedger(RunState.APPLIED),
        "3-step-3", new Baseline.InLedger(RunState.ROLLED_BACK));
    Baseline b = Baseline.plan(h, new FlywayTable(), read, ledger, PG);
    assertEquals(List.of(Baseline.State.IN_LEDGER, Baseline.State.ADOPT, Baseline.State.IN_LEDGER), states(b));
    assertEquals(List.of(), b.gaps());
    assertEquals(1, b.toRecord().size());

    Map<String, Baseline.InLedger> secondRolledBack = Map.of("2-step-2", new Baseline.InLedger(RunState.ROLLED_BACK));
    Baseline gap = Baseline.plan(h, new FlywayTable(), read, secondRolledBack, PG);
    assertEquals(List.of("2 (2-step-2) is not applied, yet the next one, 3 (3-step-3), is"), gap.gaps());
    assertTrue(gap.refused(true));
  }

  @Test
  void aChangedChecksumRefusesUnlessAccepted() throws Exception {
    History h = history("flyway", List.of(migration("1", "crc32:1", false)));
    Baseline b = Baseline.plan(h, new FlywayTable(), TableRead.rows("t", List.of(row("1", "crc32:-7")), List.of(),
        List.of()), Map.of(), PG);
    assertEquals(List.of(new Baseline.Mismatch("1", "1-step-1", "crc32:-7", "crc32:1")), b.mismatches());
    assertTrue(b.refused(false));
    assertFalse(b.refused(true));
  }

  /** A Flyway migration from per-dialect folders keeps one CRC32 per family; each database holds its own file's. */
  @Test
  void aTwoDialectFlywayChecksumIsComparedWithTheTargetFamilysPart() throws Exception {
    History h = history("flyway", List.of(migration("1", "postgresql:crc32:11 mysql:crc32:-22", false)));
    Baseline pg = Baseline.plan(h, new FlywayTable(), TableRead.rows("t", List.of(row("1", "crc32:11")), List.of(),
        List.of()), Map.of(), PG);
    assertEquals(ChecksumCheck.Verdict.EQUAL, pg.entries().get(0).checksum().verdict());
    Baseline my = Baseline.plan(h, new FlywayTable(), TableRead.rows("t", List.of(row("1", "crc32:-22")), List.of(),
        List.of()), Map.of(), DialectFamily.MYSQL);
    assertEquals(ChecksumCheck.Verdict.EQUAL, my.entries().get(0).checksum().verdict());
    Baseline changed = Baseline.plan(h, new FlywayTable(), TableRead.rows("t", List.of(row("1", "crc32:-22")),
        List.of(), List.of()), Map.of(), PG);
    assertEquals(List.of(new Baseline.Mismatch("1", "1-step-1", "crc32:-22", "crc32:11")), changed.mismatches());
  }

  @Test
  void sqitchReworkedChangesMatchTheirRowsByOrderAndScriptHash() throws Exception {
    History h = history("sqitch", List.of(migration("search@v1.0", "sha1:aaa", false), migration("loans",
        "sha1:bbb", false), migration("search", "sha1:ccc", false)));
    // both versions of "search" deployed: the reworked one's row first in this registry (committed in one second)
    List<AppliedRow> rows = List.of(row("search", "sha1:ccc"), row("search", "sha1:aaa"), row("loans", "sha1:bbb"));
    Baseline b = Baseline.plan(h, new SqitchRegistry(), TableRead.rows("sqitch.changes", rows, List.of(),
        List.of()), Map.of(), PG);
    assertEquals(List.of(ChecksumCheck.Verdict.EQUAL, ChecksumCheck.Verdict.EQUAL, ChecksumCheck.Verdict.EQUAL),
        b.entries().stream().map(e -> e.checksum().verdict()).toList());
    assertFalse(b.refused(false));
  }

  @Test
  void golangMigrateMustBeAtAVersionTheHistoryHas() throws Exception {
    History h = history("golang-migrate", List.of(migration("1", "sha256:a", false), migration("3", "sha256:b",
        false)));
    TableRead at2 = new TableRead("public.schema_migrations", List.of(), Optional.of(row("2", "")), true, List.of(),
        List.of());
    Baseline b = Baseline.plan(h, new GolangMigrateTable(), at2, Map.of(), PG);
    assertEquals(List.of("table 2: the database is at version 2, which the history does not have"), b.unknown());
    TableRead at3 = new TableRead("public.schema_migrations", List.of(), Optional.of(row("0003", "")), true,
        List.of(), List.of());
    Baseline ok = Baseline.plan(h, new GolangMigrateTable(), at3, Map.of(), PG);
    assertEquals(List.of(Baseline.State.ADOPT, Baseline.State.ADOPT), states(ok));
    assertEquals(List.of(), ok.unknown());
  }

  @Test
  void liquibaseChecksumsAreComparedOnlyWhenOfOneKind() {
    LiquibaseTable t = new LiquibaseTable();
    Origin md5 = new Origin("liquibase", "changelog.sql", "ana:1", "", "ana", "md5:ABCDEF", false);
    assertEquals(ChecksumCheck.Verdict.EQUAL, t.checksum(md5, row("ana:1", "9:abcdef")).verdict());
    assertEquals(ChecksumCheck.Verdict.DIFFERS, t.checksum(md5, row("ana:1", "9:abcdee")).verdict());
    assertEquals(ChecksumCheck.Verdict.NOT_COMPARED, t.checksum(md5, row("ana:1", "8:abcdef")).verdict());
    Origin stored = new Origin("liquibase", "changelog.sql", "ana:1", "", "ana", "9:abcdef", false);
    assertEquals(ChecksumCheck.Verdict.EQUAL, t.checksum(stored, row("ana:1", "9:abcdef")).verdict());
    assertEquals(ChecksumCheck.Verdict.NOT_COMPARED, t.checksum(stored, row("ana:1", "")).verdict());
    Origin none = new Origin("liquibase", "changelog.sql", "ana:1", "", "ana", "sha256:00", false);
    assertTrue(t.checksum(none, row("ana:1", "9:abcdef")).why().contains("carries no Liquibase MD5SUM"));
  }
}
