package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 3): anyone with write access could edit an event and recompute the unkeyed
 * SHA-256 chain after it, and {@code audit verify} read "intact". With a ledger key (kept outside the database) the
 * events are HMAC-SHA256: the same rewrite is detected with the key, and without the key verify says it cannot check.
 * A chain that began unkeyed and goes on keyed verifies.
 */
class LedgerKeyIT {
  private static final String KEY = "correct horse battery staple 42";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aKeyedChainShowsAnEditWhoseUnkeyedHashesWereRecomputed(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    String events = pg ? "backstep.event" : "backstep_event";
    String runs = pg ? "backstep.run" : "backstep_run";
    Path keyFile = dir.resolve("ledger.key");
    Files.writeString(keyFile, KEY + "\n");
    try (ScratchDb db = ScratchDb.create(kind)) {
      assertEquals(0, Cli.on(db, "apply", playbook("before", "t_before").toString(), "--yes").exit());
      Cli.Result keyedApply = Cli.on(db, "apply", playbook("after", "t_after").toString(), "--yes",
          "--ledger-key-file", keyFile.toString());
      assertEquals(0, keyedApply.exit(), keyedApply.toString());
      assertFalse((keyedApply.out() + keyedApply.err()).contains(KEY), "the key is never printed");

      Cli.Result mixed = Cli.on(db, "audit", "verify", "--ledger-key-file", keyFile.toString());
      assertEquals(0, mixed.exit(), "older unkeyed events, then keyed ones, verify: " + mixed);
      assertTrue(mixed.out().contains("keyed, checked with ledger key"), mixed.toString());
      long firstKeyed;
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT min(seq), count(*) FROM " + events + " WHERE hash_key IS NOT NULL")) {
        rs.next();
        firstKeyed = rs.getLong(1);
        assertTrue(firstKeyed > 1 && rs.getLong(2) > 2, "the first run's events are unkeyed, the second's keyed");
      }
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + events + " WHERE detail LIKE '%" + KEY + "%'")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "the database never sees the key");
      }

      Cli.Result noKey = Cli.on(db, "audit", "verify");
      assertEquals(2, noKey.exit(), noKey.toString());
      assertTrue(noKey.out().contains("hash chain unchecked (no key): "), noKey.toString());
      assertFalse(noKey.out().contains("intact"), noKey.toString());

      Cli.Result refused = Cli.on(db, "apply", playbook("unkeyed", "t_unkeyed").toString(), "--yes");
      assertEquals(2, refused.exit(), "appending to a keyed chain without its key: " + refused);
      assertTrue(refused.err().contains("is keyed"), refused.toString());
      assertEquals(0, db.dump().stream().filter(l -> l.contains("t_unkeyed")).count(), "nothing was changed");
      // a history walk takes the run lock its own way (HeldLock): it is refused the same, not with an internal error
      Files.writeString(dir.resolve("history.yaml"), """
          history: keyed-walk
          title: One migration on a keyed ledger
          migrations:
            - "unkeyed.yaml"
          """);
      Cli.Result walk = Cli.on(db, "apply", dir.resolve("history.yaml").toString(), "--yes");
      assertEquals(2, walk.exit(), "a history walk on a keyed chain without its key: " + walk);
      assertTrue(walk.err().contains("is keyed"), walk.toString());
      assertEquals(0, db.dump().stream().filter(l -> l.contains("t_unkeyed")).count(), "nothing was changed");

      rewriteFrom(db, events, runs, firstKeyed + 1);
      Cli.Result blind = Cli.on(db, "audit", "verify");
      assertEquals(2, blind.exit(), "without the key the rewrite cannot be seen, and verify says so: " + blind);
      Cli.Result caught = Cli.on(db, "audit", "verify", "--ledger-key-file", keyFile.toString());
      assertEquals(1, caught.exit(), caught.toString());
      assertTrue(caught.out().contains("event " + (firstKeyed + 1) + " was altered (HMAC mismatch)"),
          caught.toString());
    }
  }

  /** The same rewrite on an unkeyed chain goes unseen: what the key adds. */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void anUnkeyedChainRewrittenWithFreshHashesReadsIntact(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      assertEquals(0, Cli.on(db, "apply", playbook("plain", "t_plain").toString(), "--yes").exit());
      rewriteFrom(db, pg ? "backstep.event" : "backstep_event", pg ? "backstep.run" : "backstep_run", 2);
      Cli.Result r = Cli.on(db, "audit", "verify");
      assertEquals(0, r.exit(), "documented limit of the unkeyed chain: " + r);
    }
  }

  /** A ledger made before keyed chains (no {@code hash_key} column) reads and verifies, and gains it on a write. */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aLedgerFromBeforeKeyedChainsIsReadThenUpgradedInPlace(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    String events = pg ? "backstep.event" : "backstep_event";
    try (ScratchDb db = ScratchDb.create(kind)) {
      assertEquals(0, Cli.on(db, "apply", playbook("old", "t_old").toString(), "--yes").exit());
      db.exec("ALTER TABLE " + events + " DROP COLUMN hash_key");
      Cli.Result read = Cli.on(db, "audit", "verify");
      assertEquals(0, read.exit(), read.toString());
      assertEquals(0, Cli.on(db, "history").exit());
      Path keyFile = dir.resolve("k");
      Files.writeString(keyFile, KEY);
      Cli.Result keyed = Cli.on(db, "apply", playbook("new", "t_new").toString(), "--yes", "--ledger-key-file",
          keyFile.toString());
      assertEquals(0, keyed.exit(), keyed.toString());
      Cli.Result both = Cli.on(db, "audit", "verify", "--ledger-key-file", keyFile.toString());
      assertEquals(0, both.exit(), both.toString());
      assertTrue(both.out().contains("keyed, checked"), both.toString());
    }
  }

  /**
   * What an attacker with write access but without the key does: edits event {@code from}'s detail and recomputes
   * the plain SHA-256 hash of it and of every later event, and the run rows' recorded heads to match.
   */
  private static void rewriteFrom(ScratchDb db, String events, String runs, long from) throws Exception {
    record Row(String target, long seq, String runId, long at, String type, String stepId, String actor,
        String detail, String oldHash) {}
    try (Connection c = db.connect()) {
      List<Row> rows = new ArrayList<>();
      String prev;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT target, seq, run_id, at_ms, "
          + "event_type, step_id, actor, detail, hash FROM " + events + " WHERE seq >= " + (from - 1)
          + " ORDER BY seq")) {
        rs.next();
        prev = rs.getString("hash");
        while (rs.next()) {
          rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
        }
      }
      for (Row r : rows) {
        String detail = r.seq() == from ? (r.detail() == null ? "forged" : r.detail() + " forged") : r.detail();
        String hash = EventChain.hash(null, prev, r.seq(), r.runId(), Instant.ofEpochMilli(r.at()), r.type(),
            r.stepId(), r.actor(), detail);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + events
            + " SET detail = ?, prev_hash = ?, hash = ? WHERE target = ? AND seq = ?")) {
          ps.setString(1, detail);
          ps.setString(2, prev);
          ps.setString(3, hash);
          ps.setString(4, r.target());
          ps.setLong(5, r.seq());
          assertEquals(1, ps.executeUpdate());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET head_hash = ? WHERE head_seq = ?")) {
          ps.setString(1, hash);
          ps.setLong(2, r.seq());
          ps.executeUpdate();
        }
        prev = hash;
      }
    }
  }

  private Path playbook(String id, String table) throws Exception {
    Path pb = dir.resolve(id + ".yaml");
    Files.writeString(pb, """
        id: %s
        title: Table %s
        intent: one table
        steps:
          - id: create
            kind: sql
            title: Create %s
            forward: CREATE TABLE %s (code VARCHAR(20) PRIMARY KEY)
            rollback: DROP TABLE %s
        """.formatted(id, table, table, table, table));
    return pb;
  }
}
