package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Json;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (issue 16): `diff` saw a sequence by name only, so a rollback that left INCREMENT BY, START, MIN/MAX or
 * CYCLE changed went unseen. Two databases built alike, then one changed: its sequences' properties, its
 * partitioning, a table's default collation (MariaDB), a column's collation and comment and a table's comment; `diff`
 * names each in words. What a rollback cannot undo and no declaration states — a sequence's current value — is not a
 * difference. A snapshot file saved before these were captured still reads, and they are not reported against it.
 */
class DiffDetailIT {
  private static final List<String> PG_SCHEMA = List.of(
      "CREATE SEQUENCE invoice_no",
      "CREATE TABLE notes (id bigint PRIMARY KEY, body text, title text)",
      "CREATE SEQUENCE ticket_no AS integer START 100 INCREMENT 5 MINVALUE 10 MAXVALUE 100000 CACHE 10 CYCLE",
      "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)",
      "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
      "CREATE TABLE logs (id bigint NOT NULL)");
  private static final List<String> PG_CHANGES = List.of(
      "ALTER SEQUENCE invoice_no AS integer INCREMENT BY 10 START WITH 50 MINVALUE 0 MAXVALUE 1000000 CACHE 20 CYCLE",
      "ALTER SEQUENCE ticket_no OWNED BY notes.id",
      "COMMENT ON SEQUENCE ticket_no IS 'printed on tickets'",
      "ALTER TABLE events DETACH PARTITION events_2024",
      "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')",
      "ALTER TABLE events DETACH PARTITION events_2025",
      "DROP TABLE logs",
      "CREATE TABLE logs (id bigint NOT NULL) PARTITION BY HASH (id)",
      "ALTER TABLE notes ALTER COLUMN body TYPE text COLLATE \"C\"",
      "COMMENT ON COLUMN notes.title IS 'shown in lists'",
      "COMMENT ON TABLE notes IS 'free text'");
  private static final List<String> PG_EXPECTED = List.of(
      "partition events.events_2024: bound FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
          + " → FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')",
      "partition events.events_2025: missing",
      "table logs: partitioned by none → HASH (id)",
      "column notes.body: collation none → \"C\"",
      "column notes.title: comment none → \"shown in lists\"",
      "table notes: comment none → \"free text\"",
      "sequence invoice_no: type bigint → integer",
      "sequence invoice_no: start 1 → 50",
      "sequence invoice_no: increment by 1 → 10",
      "sequence invoice_no: minvalue 1 → 0",
      "sequence invoice_no: maxvalue 9223372036854775807 → 1000000",
      "sequence invoice_no: cache 1 → 20",
      "sequence invoice_no: no cycle → cycle",
      "sequence ticket_no: owned by none → notes.id",
      "sequence ticket_no: comment none → \"printed on tickets\"");

  private static final List<String> MY_SCHEMA = List.of(
      "CREATE SEQUENCE invoice_no",
      "CREATE TABLE notes (id bigint PRIMARY KEY, body varchar(20), title varchar(20))"
          + " DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_general_ci",
      "CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (year(at))"
          + " (PARTITION p2024 VALUES LESS THAN (2025), PARTITION p2025 VALUES LESS THAN (2026))",
      "CREATE TABLE logs (id int NOT NULL)");
  private static final List<String> MY_CHANGES = List.of(
      "ALTER SEQUENCE invoice_no INCREMENT BY 10 MINVALUE 0 MAXVALUE 1000000 START WITH 50 CACHE 20 CYCLE",
      "ALTER TABLE events DROP PARTITION p2025",
      "ALTER TABLE events ADD PARTITION (PARTITION pmax VALUES LESS THAN MAXVALUE)",
      "ALTER TABLE logs PARTITION BY HASH (id) PARTITIONS 2",
      "ALTER TABLE notes CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
      "ALTER TABLE notes MODIFY body varchar(20) COLLATE utf8mb4_unicode_ci,"
          + " MODIFY title varchar(20) COMMENT 'shown in lists'",
      "ALTER TABLE notes COMMENT 'free text'");
  private static final List<String> MY_EXPECTED = List.of(
      "partition events.p2025: missing",
      "partition events.pmax: unexpected",
      "table logs: partitioned by none → HASH (`id`)",
      "column notes.body: collation none → \"utf8mb4_unicode_ci\"",
      "column notes.title: comment none → \"shown in lists\"",
      "table notes: comment none → \"free text\"",
      "table notes: collation \"utf8mb4_general_ci\" → \"utf8mb4_bin\"",
      "sequence invoice_no: start 1 → 50",
      "sequence invoice_no: increment by 1 → 10",
      "sequence invoice_no: minvalue 1 → 0",
      "sequence invoice_no: maxvalue 9223372036854775806 → 1000000",
      "sequence invoice_no: cache 1000 → 20",
      "sequence invoice_no: no cycle → cycle");

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void sequencePropertiesPartitioningCollationsAndCommentsAreEachNamed(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb a = ScratchDb.create(kind); ScratchDb b = ScratchDb.create(kind)) {
      a.exec((pg ? PG_SCHEMA : MY_SCHEMA).toArray(String[]::new));
      b.exec((pg ? PG_SCHEMA : MY_SCHEMA).toArray(String[]::new));
      Cli.Result same = Cli.on(b, "diff", "--against-url", a.url(), "--against-user", a.user());
      assertEquals(0, same.exit(), same::toString);

      b.exec((pg ? PG_CHANGES : MY_CHANGES).toArray(String[]::new));
      Cli.Result diff = Cli.on(b, "diff", "--against-url", a.url(), "--against-user", a.user());
      assertEquals(1, diff.exit(), diff::toString);
      List<String> expected = pg ? PG_EXPECTED : MY_EXPECTED;
      assertEquals(expected, lines(diff), diff::toString);

      Path saved = dir.resolve("a.json");
      assertEquals(0, Cli.on(a, "snapshot", "--out", saved.toString()).exit());
      Cli.Result drift = Cli.on(b, "diff", "--against", saved.toString());
      assertEquals(expected, lines(drift), "the same answer from a saved snapshot: " + drift);
      assertTrue(!drift.err().contains("not compared"), drift::toString);
    }
  }

  /**
   * A sequence's current value moves with every {@code nextval} and a rollback cannot move it back, so a snapshot
   * holds only the declared properties: values drawn, {@code setval} and {@code RESTART} leave {@code diff} (and so
   * a rollback proof) with nothing to report, while the same sequence re-declared with another increment is named.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aSequencesCurrentValueIsNotADifference(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      db.exec("CREATE SEQUENCE order_no START WITH 5 INCREMENT BY 2");
      Path saved = dir.resolve("before.json");
      assertEquals(0, Cli.on(db, "snapshot", "--out", saved.toString()).exit());
      db.exec(pg ? "SELECT nextval('order_no'), nextval('order_no')" : "SELECT nextval(order_no), nextval(order_no)",
          pg ? "SELECT setval('order_no', 1000)" : "SELECT setval(order_no, 1000)",
          "ALTER SEQUENCE order_no RESTART WITH 77",
          pg ? "SELECT nextval('order_no')" : "SELECT nextval(order_no)");
      Cli.Result moved = Cli.on(db, "diff", "--against", saved.toString());
      assertEquals(0, moved.exit(), "values drawn are not a schema difference: " + moved);

      db.exec("ALTER SEQUENCE order_no INCREMENT BY 3");
      Cli.Result changed = Cli.on(db, "diff", "--against", saved.toString());
      assertEquals(List.of("sequence order_no: increment by 2 → 3"), lines(changed), changed::toString);
    }
  }

  /**
   * A snapshot file written before sequence properties, partitioning and table collations were captured (no
   * {@code format}, {@code sequenceDetails}, table {@code collation} or {@code partitioning}) still reads, and
   * comparing it with the database it was taken from finds nothing.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aSnapshotFileFromBeforeTheseDetailsReadsAndDoesNotReportThem(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      db.exec((pg ? PG_SCHEMA : MY_SCHEMA).toArray(String[]::new));
      Path saved = dir.resolve("now.json");
      assertEquals(0, Cli.on(db, "snapshot", "--out", saved.toString()).exit());
      ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Files.readString(saved));
      assertEquals(2, json.path("format").asInt(), json::toString);
      assertTrue(json.path("sequenceDetails").size() >= 1, json::toString);
      json.remove(List.of("format", "sequenceDetails")); // as written by a Backstep from before 2026-12-06
      for (JsonNode t : json.path("tables")) {
        ((ObjectNode) t).remove(List.of("collation", "partitioning"));
      }
      Path old = dir.resolve("old.json");
      Files.writeString(old, json.toString());

      Cli.Result diff = Cli.on(db, "diff", "--against", old.toString());
      assertEquals(0, diff.exit(), diff::toString);
      assertTrue(diff.err().contains("saved before snapshots held sequence properties, partitioning and table"
          + " collations; they are not compared"), diff::toString);
      db.exec("DROP SEQUENCE invoice_no");
      Cli.Result dropped = Cli.on(db, "diff", "--against", old.toString());
      assertEquals(List.of("sequence invoice_no: missing"), lines(dropped), "names are still compared: " + dropped);
    }
  }

  private static List<String> lines(Cli.Result r) {
    return r.out().lines().filter(l -> l.startsWith("  ")).map(String::strip).toList();
  }
}
