package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A history of a small booking application's migrations, three of them with planted broken downs: {@code rehearse
 * HISTORY} names exactly those, on both families; {@code apply} and {@code rollback} of the sound part of the history
 * end proven equal; {@code --to} and refusals work as a DBA expects.
 */
class HistoryIT {
  @TempDir
  Path dir;

  /** The planted broken downs, by version. */
  static final Set<String> BROKEN = Set.of("4", "6", "7");

  static List<Migration> bookings() {
    List<Migration> m = new ArrayList<>();
    m.add(mig("1", "create rooms", """
        CREATE TABLE rooms (
          id INT PRIMARY KEY,
          name VARCHAR(80) NOT NULL,
          capacity INT NOT NULL CHECK (capacity > 0)
        );""", "DROP TABLE rooms;"));
    m.add(mig("2", "create guests", """
        CREATE TABLE guests (
          id INT PRIMARY KEY,
          email VARCHAR(200) NOT NULL UNIQUE,
          full_name VARCHAR(200)
        );""", "DROP TABLE guests;"));
    m.add(mig("3", "create bookings", """
        CREATE TABLE bookings (
          id INT PRIMARY KEY,
          room_id INT NOT NULL REFERENCES rooms (id),
          guest_id INT NOT NULL REFERENCES guests (id),
          nights INT NOT NULL DEFAULT 1
        );
        INSERT INTO rooms (id, name, capacity) VALUES (1, 'Harbour', 2), (2, 'Garden', 4);""",
        "DELETE FROM rooms WHERE id IN (1, 2);\nDROP TABLE bookings;"));
    // broken: the down forgets the index
    m.add(mig("4", "index bookings by room", """
        CREATE INDEX bookings_room_idx ON bookings (room_id);
        ALTER TABLE bookings ADD COLUMN note VARCHAR(300);""",
        "ALTER TABLE bookings DROP COLUMN note;"));
    m.add(mig("5", "guests phone", "ALTER TABLE guests ADD COLUMN phone VARCHAR(40);",
        "ALTER TABLE guests DROP COLUMN phone;"));
    // broken: the down re-adds the dropped NOT NULL column as nullable
    m.add(mig("6", "drop guests full name", "ALTER TABLE guests DROP COLUMN full_name;\n"
        + "ALTER TABLE rooms DROP COLUMN name;", """
        ALTER TABLE rooms ADD COLUMN name VARCHAR(80);
        ALTER TABLE guests ADD COLUMN full_name VARCHAR(200);"""));
    // broken: empty down
    m.add(mig("7", "room floor", "ALTER TABLE rooms ADD COLUMN floor INT;", "  -- nothing to undo, says the author\n"));
    // data-moving, sound: copies a value into a new table and back
    m.add(new Migration("8", "room rates", "V8__room_rates.sql", 1, "ops", "crc32:8", false,
        both("""
            CREATE TABLE room_rates (room_id INT PRIMARY KEY REFERENCES rooms (id), cents INT NOT NULL);
            INSERT INTO room_rates (room_id, cents) SELECT id, capacity * 5000 FROM rooms;"""),
        both("DROP TABLE room_rates;"), Map.of(), List.of()));
    m.add(new Migration("9", "available rooms", "R__available_rooms.sql", 1, "", "crc32:9", true,
        both("CREATE OR REPLACE VIEW available_rooms AS SELECT id, capacity FROM rooms;"), Map.of(), Map.of(),
        List.of()));
    return m;
  }

  /** The history without its planted broken downs and its repeatable: every migration of it rolls back proven. */
  static List<Migration> sound() {
    return bookings().stream().filter(x -> !BROKEN.contains(x.version()) && !x.repeatable()).toList();
  }

  private static Map<DialectFamily, String> both(String sql) {
    return Map.of(DialectFamily.POSTGRESQL, sql, DialectFamily.MYSQL, sql);
  }

  private static Migration mig(String v, String d, String up, String down) {
    return new Migration(v, d, "V" + v + "__" + d.replace(' ', '_') + ".sql", 1, "ana", "crc32:" + v, false,
        both(up), both(down), Map.of(), List.of());
  }

  private Path write(List<Migration> ms) throws Exception {
    Path out = dir.resolve("history");
    HistoryWriter.write(new ImportResult("flyway", Path.of("db/migration"), "bookings",
        Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), ms, List.of(), List.of()), out, true, Instant.now());
    return out;
  }

  private static String[] args(ScratchDb db, String... first) {
    List<String> a = new ArrayList<>(List.of(first));
    a.addAll(db.cliArgs());
    if (first[0].equals("apply") || first[0].equals("rollback")) {
      a.add("-y");
    }
    return a.toArray(new String[0]);
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void rehearsalNamesExactlyThePlantedBrokenDowns(ScratchDb.Kind kind) throws Exception {
    Path h = write(bookings());
    Path junit = dir.resolve("history.xml");
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result r = Cli.run(args(db, "rehearse", h.toString(), "--junit", junit.toString()));
      assertEquals(1, r.exit(), r.toString());
      Matcher m = Pattern.compile("(?m)^Broken: (.*)$").matcher(r.out());
      assertTrue(m.find(), r.out());
      assertEquals(BROKEN, Set.of(m.group(1).split(", ")), r.out());
      assertTrue(r.out().contains("left behind: index bookings_room_idx"), r.out());
      assertTrue(r.out().contains("column rooms.name: not null → nullable"), r.out());
      assertTrue(r.out().contains("no down script"), r.out());
      assertTrue(r.out().contains("repeatable, not undone"), r.out());
      String xml = Files.readString(junit);
      assertEquals(9, xml.split("<testcase ", -1).length - 1, xml);
      assertEquals(3, xml.split("<failure ", -1).length - 1, xml);
      assertTrue(!String.join("\n", db.dump()).contains("rooms"), "the rehearsal never touches the target's own "
          + "database");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void applyAndRollbackOfTheSoundHistoryEndProven(ScratchDb.Kind kind) throws Exception {
    List<Migration> sound = sound();
    Path h = write(sound);
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> start = db.dump();
      Cli.Result part = Cli.run(args(db, "apply", h.toString(), "--to", "3"));
      assertEquals(0, part.exit(), part.toString());
      assertTrue(part.out().contains("APPLIED — 3 migration(s) applied"), part.out());
      Cli.Result rest = Cli.run(args(db, "apply", h.toString()));
      assertEquals(0, rest.exit(), rest.toString());
      assertTrue(rest.out().contains("already applied"), rest.out());
      assertTrue(rest.out().contains("APPLIED — 2 migration(s) applied"), rest.out());
      Cli.Result again = Cli.run(args(db, "apply", h.toString()));
      assertEquals(0, again.exit(), again.toString());
      assertTrue(again.out().contains("0 migration(s) applied"), again.out());

      Cli.Result keep = Cli.run(args(db, "rollback", h.toString(), "--to", "3"));
      assertEquals(0, keep.exit(), keep.toString());
      assertTrue(keep.out().contains("2 migration(s) rolled back, rollback proven"), keep.out());
      Cli.Result all = Cli.run(args(db, "rollback", h.toString()));
      assertEquals(0, all.exit(), all.toString());
      assertTrue(all.out().contains("ROLLED BACK — 3 migration(s) rolled back, rollback proven"), all.out());
      assertEquals(start, db.dump(), "the whole history rolled back leaves the database as it started");
      Cli.Result audit = Cli.run(args(db, "audit", "verify"));
      assertEquals(0, audit.exit(), audit.toString());
    }
  }

  /**
   * Regression guard for the walk's hand-on (issue 13): a migration's full "before" fingerprint, read by the walk's
   * previous migration as its last "after", is exactly the one a fresh read takes. The sound migrations are
   * applied one by one (each its own walk: nothing handed on), rolled back, then applied in one walk; each
   * migration's stored "run" fingerprint is the same, byte for byte, both times.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aWalkHandsEachMigrationTheFingerprintAFreshReadTakes(ScratchDb.Kind kind) throws Exception {
    List<Migration> versioned = sound();
    Path h = write(versioned);
    try (ScratchDb db = ScratchDb.create(kind)) {
      Map<String, String> fresh = freshFingerprints(db, h, versioned);
      Cli.Result walk = Cli.run(args(db, "apply", h.toString()));
      assertEquals(0, walk.exit(), walk.toString());
      assertTrue(walk.out().contains("APPLIED — " + versioned.size() + " migration(s) applied"), walk.out());
      assertEquals(fresh, runFingerprints(db), "the fingerprints handed on are the ones a fresh read takes");
    }
  }

  /**
   * A walk killed right after its third migration started — on PostgreSQL its run row, RUN_STARTED, the full
   * "before" the second handed on and its FINGERPRINT event, one statement — leaves a ledger that explains the
   * target: two migrations applied, the third interrupted with its "before" recorded, the chain intact; the history
   * then rolls back proven and applies again with the fingerprints a fresh read takes.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aWalkKilledAsAMigrationStartsLeavesALedgerThatExplainsTheTarget(ScratchDb.Kind kind) throws Exception {
    Path h = write(sound());
    try (ScratchDb db = ScratchDb.create(kind)) {
      Map<String, String> fresh = freshFingerprints(db, h, sound()); // each its own walk: nothing handed on
      try (ChildProcess child = ChildProcess.start(List.of(args(db, "apply", h.toString())),
          Map.of("BACKSTEP_TEST_PAUSE_AT", "run-started#3"), null)) {
        child.awaitLine("BACKSTEP_TEST_PAUSE");
        child.kill();
      }
      db.awaitRunLockFree();
      Cli.Result status = Cli.run(args(db, "status"));
      assertEquals(3, status.exit(), "half-applied: " + status);
      boolean pg = kind == ScratchDb.Kind.POSTGRES;
      String p = pg ? "backstep." : "backstep_";
      List<String> walk = db.rows("SELECT r.state, (SELECT count(*) FROM " + p + "fingerprint f WHERE f.run_id = "
          + "r.run_id AND f.label = 'run'), (SELECT count(*) FROM " + p + "event e WHERE e.run_id = r.run_id AND "
          + "e.event_type = 'FINGERPRINT') FROM " + p + "run r WHERE r.run_seq > (SELECT max(run_seq) FROM " + p
          + "run WHERE state = 'ROLLED_BACK') ORDER BY r.run_seq");
      assertEquals(List.of("APPLIED 1 1", "APPLIED 1 1", "RUNNING 1 1"), walk,
          "two applied, the third interrupted with its \"before\" and its FINGERPRINT event");
      Cli.Result verify = Cli.run(args(db, "audit", "verify"));
      assertEquals(0, verify.exit(), verify.toString());
      assertTrue(verify.out().contains("intact"), verify.toString());
      Cli.Result down = Cli.run(args(db, "rollback", h.toString()));
      assertEquals(0, down.exit(), down.toString());
      Cli.Result up = Cli.run(args(db, "apply", h.toString()));
      assertEquals(0, up.exit(), up.toString());
      assertEquals(fresh, runFingerprints(db), "the fingerprints stored with each start are a fresh read's");
    }
  }

  /**
   * Applies the migrations one by one (each its own walk: nothing handed on), reads each run's full "before" as a
   * fresh read took it ({@link #runFingerprints}), then rolls the history back; returns those fingerprints.
   */
  private Map<String, String> freshFingerprints(ScratchDb db, Path h, List<Migration> versioned) throws Exception {
    for (Migration m : versioned) {
      Cli.Result one = Cli.run(args(db, "apply", h.toString(), "--to", m.version()));
      assertEquals(0, one.exit(), one.toString());
      assertTrue(one.out().contains("APPLIED — 1 migration(s) applied"), one.out());
    }
    Map<String, String> fresh = runFingerprints(db);
    assertEquals(versioned.size(), fresh.size(), fresh.toString());
    Cli.Result down = Cli.run(args(db, "rollback", h.toString()));
    assertTrue(down.out().contains(versioned.size() + " migration(s) rolled back"), down.toString());
    return fresh;
  }

  /** The SHA-256 of the latest run's full "before" fingerprint, by playbook. */
  private static Map<String, String> runFingerprints(ScratchDb db) throws Exception {
    boolean pg = db.kind() == ScratchDb.Kind.POSTGRES;
    String sql = "SELECT r.playbook_id, f.sha256 FROM " + (pg ? "backstep.fingerprint" : "backstep_fingerprint")
        + " f JOIN " + (pg ? "backstep.run" : "backstep_run") + " r ON r.run_id = f.run_id WHERE f.label = 'run'"
        + " ORDER BY r.run_seq";
    Map<String, String> out = new TreeMap<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2)); // the later run of a playbook replaces the earlier
      }
    }
    return out;
  }

  /**
   * A walk on a staging target (default guards, a 2 s baseline) measures the guards' baseline once, before its
   * first migration, and watches every later migration against it: one 2 s wait, not one per migration.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aWalkOnAGuardedTargetMeasuresItsBaselineOnce(ScratchDb.Kind kind) throws Exception {
    List<Migration> sound = sound();
    Path h = write(sound);
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> a = new ArrayList<>(List.of("apply", h.toString(), "-y"));
      a.addAll(db.cliArgs());
      a.set(a.indexOf("sandbox"), "staging");
      Cli.Result r = Cli.run(a.toArray(new String[0]));
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("APPLIED — " + sound.size() + " migration(s) applied"), r.out());
      String all = r.out() + r.err(); // the notes go to the progress stream
      assertEquals(1, all.split("measuring the baseline for", -1).length - 1, r.toString());
      assertEquals(sound.size() - 1, all.split("guards armed with the baselines measured before migration",
          -1).length - 1, r.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRollbackThatReachesAMissingDownStopsThereAndFails(ScratchDb.Kind kind) throws Exception {
    List<Migration> ms = bookings().subList(0, 7); // 1..7, 7 has an empty down
    Path h = write(ms.stream().filter(x -> !x.version().equals("4") && !x.version().equals("6")).toList());
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result up = Cli.run(args(db, "apply", h.toString()));
      assertEquals(0, up.exit(), up.toString());
      Cli.Result r = Cli.run(args(db, "rollback", h.toString()));
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("has no rollback (rollback_mode: none)"), r.out());
      assertTrue(r.out().contains("· 5 "), r.out());
      Cli.Result status = Cli.run(args(db, "status"));
      assertTrue(status.out().contains("rollback failed") || status.out().contains("ROLLBACK_FAILED")
          || status.out().contains("roll"), status.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void anUnknownMigrationOrAGapIsRefusedBeforeAnythingRuns(ScratchDb.Kind kind) throws Exception {
    List<Migration> sound = sound();
    Path h = write(sound);
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result unknown = Cli.run(args(db, "apply", h.toString(), "--to", "42"));
      assertEquals(2, unknown.exit(), unknown.toString());
      assertTrue(unknown.err().contains("--to: no migration '42'"), unknown.err());
      assertTrue(!db.hasLedger(), "nothing created");
      // migration 2 applied alone, as a playbook, before the history: 1 is then missing below it
      Cli.Result two = Cli.run(args(db, "apply", HistoryLoader.listed(h).get(1).toString()));
      assertEquals(0, two.exit(), two.toString());
      Cli.Result gap = Cli.run(args(db, "apply", h.toString()));
      assertEquals(2, gap.exit(), gap.toString());
      assertTrue(gap.err().contains("out of order: 1 not applied"), gap.err());
    }
  }
}
