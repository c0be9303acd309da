package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 3): deleting the newest event, or every event, still read "intact". Each run row
 * now records the chain head at its last state change, and {@code audit verify} requires it.
 */
class LedgerTruncationIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void deletingTheNewestEventOrEveryEventIsSeen(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    String events = pg ? "backstep.event" : "backstep_event";
    try (ScratchDb db = ScratchDb.create(kind)) {
      applyCoupons(db);
      Cli.Result intact = Cli.on(db, "audit", "verify");
      assertEquals(0, intact.exit(), intact.toString());

      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM " + events + " WHERE seq = (SELECT m FROM (SELECT max(seq) AS m FROM " + events
            + ") x)");
      }
      Cli.Result newest = Cli.on(db, "audit", "verify");
      assertEquals(1, newest.exit(), newest.toString());
      assertTrue((newest.out() + newest.err()).contains("truncated"), newest.toString());

      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM " + events);
      }
      Cli.Result all = Cli.on(db, "audit", "verify");
      assertEquals(1, all.exit(), all.toString());
      assertTrue((all.out() + all.err()).contains("truncated"), all.toString());
    }
  }

  /** Applies a one-step playbook, so the ledger has a run and a chain. */
  private void applyCoupons(ScratchDb db) throws Exception {
    Path pb = dir.resolve("coupons.yaml");
    Files.writeString(pb, """
        id: coupons
        title: Coupons table
        intent: store discount coupons
        steps:
          - id: create
            kind: sql
            title: Create coupons
            forward: CREATE TABLE coupons (code VARCHAR(20) PRIMARY KEY)
            rollback: DROP TABLE coupons
        """);
    assertEquals(0, Cli.on(db, "apply", pb.toString(), "--yes").exit());
  }

  /**
   * Deleting the run rows together with their events leaves an empty, "intact" ledger — unless the chain head was
   * anchored outside the database with {@code audit anchor}.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void anAnchorKeptOutsideShowsAWholeLedgerWipedOrRewritten(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      applyCoupons(db);
      Path anchor = dir.resolve("anchor.txt");
      Cli.Result anchored = Cli.on(db, "audit", "anchor", "--out", anchor.toString());
      assertEquals(0, anchored.exit(), anchored.toString());
      assertTrue(anchored.out().startsWith("backstep-anchor target="), anchored.out());
      assertEquals(0, Cli.on(db, "audit", "verify", "--anchor", anchor.toString()).exit());

      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM " + (pg ? "backstep.event" : "backstep_event"));
        st.execute("DELETE FROM " + (pg ? "backstep.run" : "backstep_run"));
      }
      assertEquals(0, Cli.on(db, "audit", "verify").exit(), "without the anchor an emptied ledger reads intact");
      Cli.Result checked = Cli.on(db, "audit", "verify", "--anchor", anchor.toString());
      assertEquals(1, checked.exit(), checked.toString());
      assertTrue(checked.out().contains("since it was anchored"), checked.toString());
    }
  }
}
