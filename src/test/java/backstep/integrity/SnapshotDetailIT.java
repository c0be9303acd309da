package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.integrity.SchemaSnapshot.Routine;
import backstep.testing.ScratchDb;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Collations, comments and routine bodies in snapshots and diffs: a rollback that leaves a function's new body,
 * a column's collation or a comment behind is caught.
 */
class SnapshotDetailIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void collationsCommentsAndRoutineBodiesAreCapturedAndTheirChangesNamed(ScratchDb.Kind kind) throws Exception {
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    try (ScratchDb db = ScratchDb.create(kind)) {
      if (pg) {
        db.exec("CREATE TABLE t (id int PRIMARY KEY, c text COLLATE \"C\", d text)",
            "COMMENT ON TABLE t IS 'people'", "COMMENT ON COLUMN t.d IS 'display name'",
            "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1'",
            "CREATE PROCEDURE p(x int) LANGUAGE sql AS 'SELECT 1'",
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
            "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()");
      } else {
        db.exec("CREATE TABLE t (id int PRIMARY KEY, c varchar(10) COLLATE utf8mb4_bin, d varchar(10)"
                + " COMMENT 'display name') DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_general_ci COMMENT 'people'",
            "CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 1",
            "CREATE PROCEDURE p(IN x int) SELECT 1");
      }
      SchemaSnapshot before = take(db);
      SchemaSnapshot.Table t = before.table("t").orElseThrow();
      assertEquals("people", t.comment());
      assertEquals("display name", t.column("d").get().comment());
      assertEquals(pg ? "C" : "utf8mb4_bin", t.column("c").get().collation());
      assertEquals(null, t.column("d").get().collation(), "the default collation is not spelled out");
      List<String> signatures = before.routines().stream().map(Routine::signature).toList();
      assertEquals(pg ? List.of("f(x integer)", "p(IN x integer)", "touch()") : List.of("f(int(11))", "p(int(11))"),
          signatures);
      Routine f = before.routines().get(0);
      assertEquals("function", f.kind());
      assertTrue(f.body().contains("x + 1"), f.body());
      assertEquals(before, SchemaSnapshot.fromJson(before.toJson()), "survives JSON");

      if (pg) {
        db.exec("CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 2'",
            "ALTER TABLE t ALTER COLUMN c TYPE text COLLATE \"POSIX\"", "COMMENT ON TABLE t IS 'customers'",
            "COMMENT ON COLUMN t.d IS NULL",
            "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN OLD; END$$");
      } else {
        db.exec("DROP FUNCTION f", "CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 2",
            "ALTER TABLE t MODIFY c varchar(10) COLLATE utf8mb4_unicode_ci, MODIFY d varchar(10),"
                + " COMMENT 'customers'");
      }
      List<String> found = SchemaDiff.diff(before, take(db)).stream().map(Difference::describe).toList();
      List<String> expected = pg
          ? List.of("column t.c: collation \"C\" → \"POSIX\"",
              "column t.d: comment \"display name\" → none",
              "table t: comment \"people\" → \"customers\"",
              "function f(x integer): body changed",
              "function touch(): body changed")
          : List.of("column t.c: collation \"utf8mb4_bin\" → \"utf8mb4_unicode_ci\"",
              "column t.d: comment \"display name\" → none",
              "table t: comment \"people\" → \"customers\"",
              "function f(int(11)): body changed");
      assertEquals(expected, found);
    }
  }

  private static SchemaSnapshot take(ScratchDb db) throws Exception {
    try (var d = db.open()) {
      return SchemaSnapshot.take(d);
    }
  }
}
