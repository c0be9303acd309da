package backstep.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Proof;
import backstep.engine.TargetStatus;
import backstep.history.History;
import backstep.history.HistoryLoader;
import backstep.history.HistoryWriter;
import backstep.history.ImportResult;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the history page offers and says, from values only: each button's availability and reason, a migration's
 * state from its latest run, the summary line, and the red "no down" a migration without a down script gets.
 */
class HistoryPolicyTest {
  private static final History LIBRARY = load(Path.of("playbooks/histories/library"));

  /** The sample history, loaded. */
  static History library() {
    return LIBRARY;
  }

  private static History load(Path p) {
    try {
      return new HistoryLoader(new PlaybookLoader(null)).load(p);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TargetStatus.PlaybookState run(String id, RunState s, Proof proof) {
    return new TargetStatus.PlaybookState(id, 1, "CHG-1", "run-1", s, false, "ana", Instant.EPOCH, Instant.EPOCH,
        List.of(), s.words(), null, proof);
  }

  /** The sample history's rows with the given states (null: never run), in order. */
  private static List<MigrationRow> rows(History h, RunState... states) {
    List<MigrationRow> out = new ArrayList<>();
    for (int i = 0; i < h.migrations().size(); i++) {
      String id = h.migrations().get(i).id();
      RunState s = i < states.length ? states[i] : null;
      out.add(MigrationRow.of(i, h.migrations().get(i), s == null ? null : run(id, s, null), true));
    }
    return out;
  }

  private static Map<HistoryAction, HistoryPolicy.Availability> on(List<MigrationRow> rows) {
    return HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null, null, false, null, null,
        rows));
  }

  @Test
  void aFreshTargetOffersApplyAndRehearseButNoRollback() {
    Map<HistoryAction, HistoryPolicy.Availability> m = on(rows(LIBRARY));
    assertTrue(m.get(HistoryAction.APPLY).enabled());
    assertTrue(m.get(HistoryAction.APPLY).why().startsWith("Apply all 6 migrations on sandbox in order"),
        m.get(HistoryAction.APPLY).why());
    assertFalse(m.get(HistoryAction.ROLLBACK).enabled());
    assertEquals("Nothing of this history is applied on sandbox", m.get(HistoryAction.ROLLBACK).why());
    assertTrue(m.get(HistoryAction.REHEARSE).enabled());
    assertEquals("On sandbox: 0 of 6 applied  ·  6 not applied  ·  every migration has a down",
        HistoryWords.summary(rows(LIBRARY), "sandbox"));
  }

  @Test
  void partlyAppliedAppliesTheRestAndRollsBackWhatIsApplied() {
    List<MigrationRow> rows = rows(LIBRARY, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED);
    Map<HistoryAction, HistoryPolicy.Availability> m = on(rows);
    assertEquals("Apply the 2 migrations after 4 on sandbox in order, one run each (one confirmation; gates still "
        + "ask); stops at the first that fails", m.get(HistoryAction.APPLY).why());
    assertTrue(m.get(HistoryAction.ROLLBACK).enabled());
    assertTrue(m.get(HistoryAction.ROLLBACK).why().startsWith("Roll back the 4 migrations in effect on sandbox, "
        + "newest first"), m.get(HistoryAction.ROLLBACK).why());
    assertEquals("On sandbox: 4 of 6 applied  ·  2 not applied  ·  every migration has a down",
        HistoryWords.summary(rows, "sandbox"));
  }

  @Test
  void applyingAgainAfterARollbackWithDifferencesWarns() {
    List<MigrationRow> rows = rows(LIBRARY, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED);
    rows.set(4, MigrationRow.of(4, LIBRARY.migrations().get(4), run("5-catalogue-search", RunState.ROLLED_BACK,
        new Proof(Proof.Verdict.DIFFERENT, "run start", List.of("index books_title_lower_idx: unexpected"))), true));
    assertEquals(MigrationState.ROLLED_BACK_DIFFERENT, rows.get(4).state());
    String why = on(rows).get(HistoryAction.APPLY).why();
    assertTrue(why.endsWith("Migration 5 was rolled back WITH DIFFERENCES: its up may fail on what its down left"),
        why);
  }

  @Test
  void aRepeatableIsNeitherAGapsEndNorUndone(@TempDir Path dir) throws Exception {
    Migration v1 = new Migration("1", "create members", "V1__create_members.sql", 1, "", "crc32:1", false,
        Map.of(DialectFamily.POSTGRESQL, "CREATE TABLE members (id int PRIMARY KEY);"),
        Map.of(DialectFamily.POSTGRESQL, "DROP TABLE members;"), Map.of(), List.of());
    Migration v2 = new Migration("2", "create cards", "V2__create_cards.sql", 1, "", "crc32:2", false,
        Map.of(DialectFamily.POSTGRESQL, "CREATE TABLE cards (id int PRIMARY KEY);"),
        Map.of(DialectFamily.POSTGRESQL, "DROP TABLE cards;"), Map.of(), List.of());
    Migration r = new Migration("active_members", "active members view", "R__active_members.sql", 1, "",
        "crc32:3", true, Map.of(DialectFamily.POSTGRESQL, "CREATE OR REPLACE VIEW active_members AS SELECT id FROM "
        + "members;"), Map.of(), Map.of(), List.of());
    HistoryWriter.write(new ImportResult("flyway", Path.of("db/migration"), "members", Set.of(
        DialectFamily.POSTGRESQL), List.of(v1, v2, r), List.of(), List.of()), dir, false, Instant.EPOCH);
    List<MigrationRow> rows = rows(load(dir), RunState.APPLIED, null, RunState.APPLIED);
    assertTrue(rows.get(2).repeatable());
    Map<HistoryAction, HistoryPolicy.Availability> m = on(rows);
    assertTrue(m.get(HistoryAction.APPLY).why().startsWith("Apply the 1 migration after 1 on sandbox"),
        m.get(HistoryAction.APPLY).why());
    assertTrue(m.get(HistoryAction.ROLLBACK).why().startsWith("Roll back the 1 migration in effect"),
        m.get(HistoryAction.ROLLBACK).why());
    assertEquals("On sandbox: 2 of 3 applied  ·  1 not applied  ·  every migration has a down",
        HistoryWords.summary(rows, "sandbox"));
  }

  @Test
  void anAdoptedMigrationSaysWhichToolAppliedIt() {
    var adopted = new TargetStatus.PlaybookState("1-create-branches-and-books", 1, "CHG-1", "run-1",
        RunState.APPLIED, false, "ana", Instant.EPOCH, Instant.EPOCH, List.of(), "applied",
        new backstep.ledger.RunTags(null, null, Map.of("adopted", "flyway")), null);
    MigrationRow row = MigrationRow.of(0, LIBRARY.migrations().get(0), adopted, true);
    assertEquals(MigrationState.APPLIED, row.state());
    assertEquals("CHG-1 · adopted: Flyway applied it, not Backstep", row.detail());
  }

  @Test
  void everyMigrationAppliedLeavesNothingToApply() {
    Map<HistoryAction, HistoryPolicy.Availability> m = on(rows(LIBRARY, RunState.APPLIED, RunState.APPLIED,
        RunState.APPLIED, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED));
    assertFalse(m.get(HistoryAction.APPLY).enabled());
    assertEquals("Every migration is applied on sandbox", m.get(HistoryAction.APPLY).why());
  }

  @Test
  void aGapOrAHalfAppliedMigrationBlocksApplyWithTheReason() {
    Map<HistoryAction, HistoryPolicy.Availability> gap = on(rows(LIBRARY, RunState.APPLIED, RunState.ROLLED_BACK,
        RunState.APPLIED));
    assertFalse(gap.get(HistoryAction.APPLY).enabled());
    assertTrue(gap.get(HistoryAction.APPLY).why().startsWith("Out of order: 2 not applied on sandbox although "
        + "the later 3 is"), gap.get(HistoryAction.APPLY).why());

    List<MigrationRow> half = rows(LIBRARY, RunState.APPLIED, RunState.APPLIED, RunState.FAILED);
    Map<HistoryAction, HistoryPolicy.Availability> m = on(half);
    assertFalse(m.get(HistoryAction.APPLY).enabled());
    assertTrue(m.get(HistoryAction.APPLY).why().startsWith("Migration 3 is half-applied on sandbox: open its "
        + "playbook (3-create-loans)"), m.get(HistoryAction.APPLY).why());
    assertTrue(m.get(HistoryAction.ROLLBACK).why().startsWith("Roll back the 3 migrations in effect"),
        m.get(HistoryAction.ROLLBACK).why());
    assertEquals("On sandbox: 2 of 6 applied  ·  3 not applied  ·  1 half-applied  ·  every migration has a down",
        HistoryWords.summary(half, "sandbox"));
  }

  @Test
  void aLatestRunIsReadAsTheMigrationsState() {
    assertEquals(MigrationState.NOT_APPLIED, MigrationState.of((TargetStatus.PlaybookState) null));
    assertEquals(MigrationState.APPLIED, MigrationState.of(run("x", RunState.APPLIED, null)));
    assertEquals(MigrationState.NOT_APPLIED, MigrationState.of(run("x", RunState.ABORTED, null)));
    assertEquals(MigrationState.HALF_APPLIED, MigrationState.of(run("x", RunState.PAUSED, null)));
    assertEquals(MigrationState.HALF_APPLIED, MigrationState.of(run("x", RunState.ROLLBACK_FAILED, null)));
    assertEquals(MigrationState.ROLLED_BACK, MigrationState.of(run("x", RunState.ROLLED_BACK,
        new Proof(Proof.Verdict.PROVEN, "run start", List.of()))));
    assertEquals(MigrationState.ROLLED_BACK_DIFFERENT, MigrationState.of(run("x", RunState.ROLLED_BACK,
        new Proof(Proof.Verdict.DIFFERENT, "run start", List.of("unexpected index books_title_lower_idx")))));
    assertTrue(MigrationState.HALF_APPLIED.inEffect() && MigrationState.APPLIED.inEffect());
    assertFalse(MigrationState.ROLLED_BACK_DIFFERENT.inEffect());
  }

  @Test
  void whileWalkingOrWaitingForTheTargetEveryActionSaysWhy() {
    List<MigrationRow> rows = rows(LIBRARY);
    for (HistoryPolicy.Availability a : HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null,
        null, false, HistoryAction.APPLY, null, rows)).values()) {
      assertFalse(a.enabled());
      assertEquals("The history is being applied: wait for the walk to end", a.why());
    }
    var waiting = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "staging", "unreachable: refused",
        null, false, null, null, rows));
    assertEquals("Target staging is not ready: unreachable: refused", waiting.get(HistoryAction.REHEARSE).why());
    var unknown = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null, null, false, null,
        null, List.of(MigrationRow.of(0, LIBRARY.migrations().get(0), null, false))));
    assertEquals("Reading the ledger of sandbox…", unknown.get(HistoryAction.APPLY).why());
    var prod = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "prod-orders", null, null, true, null,
        null, rows));
    assertFalse(prod.get(HistoryAction.REHEARSE).enabled());
    assertTrue(prod.get(HistoryAction.REHEARSE).why().startsWith("Not on a production server"));
    assertTrue(prod.get(HistoryAction.APPLY).enabled(), "apply on production is allowed (its gates ask)");
  }

  @Test
  void aMigrationWithoutADownIsMarkedAndStopsTheRollback(@TempDir Path dir) throws Exception {
    Migration withDown = new Migration("1", "create members", "V1__create_members.sql", 1, "", "crc32:1", false,
        Map.of(DialectFamily.POSTGRESQL, "CREATE TABLE members (id int PRIMARY KEY);"),
        Map.of(DialectFamily.POSTGRESQL, "DROP TABLE members;"), Map.of(), List.of());
    Migration noDown = new Migration("2", "add members email", "V2__add_members_email.sql", 1, "", "crc32:2", false,
        Map.of(DialectFamily.POSTGRESQL, "ALTER TABLE members ADD COLUMN email text;"), Map.of(), Map.of(),
        List.of());
    HistoryWriter.write(new ImportResult("flyway", Path.of("db/migration"), "members", Set.of(
        DialectFamily.POSTGRESQL), List.of(withDown, noDown), List.of(), List.of()), dir, false, Instant.EPOCH);
    List<MigrationRow> rows = rows(load(dir), RunState.APPLIED, RunState.APPLIED);
    assertTrue(rows.get(0).hasDown());
    assertFalse(rows.get(1).hasDown());
    assertEquals("V2__add_members_email.sql", rows.get(1).originFile());
    assertEquals("version 2 · no author recorded", rows.get(1).originVersion());
    assertTrue(on(rows).get(HistoryAction.ROLLBACK).why().endsWith("Migration 2 has no down: the walk stops "
        + "there."), on(rows).get(HistoryAction.ROLLBACK).why());
    assertEquals("On sandbox: 2 of 2 applied  ·  1 migration has no down (rollback stops there)",
        HistoryWords.summary(rows, "sandbox"));
  }

  /** The range chosen as on the command line: apply --to, rollback --to (keeps it), rehearse --from/--to. */
  @Test
  void aRangeLimitsEachWalkAsTheCliOptionsDo() {
    List<MigrationRow> rows = rows(LIBRARY, RunState.APPLIED, RunState.APPLIED, RunState.APPLIED);
    var m = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null, null, false, null, null,
        rows, new HistoryRange(3, 4, 1)));
    assertEquals("Apply the 2 migrations after 3 up to 5 on sandbox in order, one run each (one confirmation; "
        + "gates still ask); stops at the first that fails", m.get(HistoryAction.APPLY).why());
    assertTrue(m.get(HistoryAction.ROLLBACK).why().startsWith("Roll back the 1 migration in effect after 2 on "
        + "sandbox (2 and before stay applied), newest first"), m.get(HistoryAction.ROLLBACK).why());
    assertTrue(m.get(HistoryAction.REHEARSE).why().startsWith("Prove the downs of 4 to 5 (the 3 migrations before "
        + "it applied as set-up)"), m.get(HistoryAction.REHEARSE).why());

    var upTo3 = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null, null, false, null, null,
        rows, new HistoryRange(0, 2, 2)));
    assertFalse(upTo3.get(HistoryAction.APPLY).enabled());
    assertEquals("Every migration up to 3 is applied on sandbox", upTo3.get(HistoryAction.APPLY).why());
    assertFalse(upTo3.get(HistoryAction.ROLLBACK).enabled());
    assertEquals("Nothing of this history after 3 is applied on sandbox", upTo3.get(HistoryAction.ROLLBACK).why());

    var backwards = HistoryPolicy.evaluate(new HistoryPolicy.Situation(true, 0, "sandbox", null, null, false, null,
        null, rows, new HistoryRange(4, 2, -1)));
    assertFalse(backwards.get(HistoryAction.REHEARSE).enabled());
    assertEquals("From 5 comes after Up to 3: pick a From at or before Up to",
        backwards.get(HistoryAction.REHEARSE).why());
  }
}
