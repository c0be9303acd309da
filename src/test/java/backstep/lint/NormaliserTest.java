package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.SqlText;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-parse rewrites of docs/lint-rules.md: each one keeps what it takes out, and the result parses. */
class NormaliserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID | ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
      "DROP INDEX CONCURRENTLY IF EXISTS i | DROP INDEX IF EXISTS i",
      "ALTER TABLE t DROP FOREIGN KEY fk | ALTER TABLE t DROP CONSTRAINT fk",
      "ALTER TABLE t DROP CHECK c | ALTER TABLE t DROP CONSTRAINT c",
      "SET lock_timeout TO '1s' | SET lock_timeout = '1s'",
      "SET LOCAL \"session_replication_role\" TO replica | SET LOCAL \"session_replication_role\" = replica",
      "ALTER TABLE t ALTER COLUMN c SET DATA TYPE text | ALTER TABLE t ALTER COLUMN c TYPE text",
      "UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t LIMIT ${batch_size}) | "
          + "UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t LIMIT 1000)"})
  void rewritesWhatTheParserCannotReadIntoWhatItCan(String raw, String expected) {
    assertEquals(expected, Normaliser.normalise(raw).sql());
    assertTrue(StatementReader.read(new SqlText.Stmt(raw, 1)).parsed(), raw + " must parse after normalising");
  }

  @Test
  void remembersNotValidAndConcurrently() {
    assertTrue(Normaliser.normalise("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id) not valid")
        .notValid());
    assertFalse(Normaliser.normalise("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id)").notValid());
    Parsed drop = StatementReader.read(new SqlText.Stmt("DROP INDEX CONCURRENTLY IF EXISTS i", 1));
    assertEquals(List.of(new Action.DropIndex("", "i", true)), drop.actions());
    Parsed add = StatementReader.read(new SqlText.Stmt(
        "ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID", 1));
    assertEquals(List.of(new Action.AddConstraint("t", "c", Action.ConstraintKind.CHECK, true, "a IS NOT NULL")),
        add.actions());
  }

  @Test
  void dropIndexConcurrentlyWithoutIfExistsNamesTheIndex() {
    Parsed drop = StatementReader.read(new SqlText.Stmt("DROP INDEX CONCURRENTLY invoices_number_idx", 1));
    assertEquals(List.of(new Action.DropIndex("", "invoices_number_idx", true)), drop.actions());
  }

  @Test
  void columnsNamedLikeTheParsersKeywordsAreRead() {
    Parsed update = StatementReader.read(new SqlText.Stmt(
        "UPDATE invoices SET number = upper(number) WHERE number <> upper(number) AND note <> 'number'", 1));
    assertTrue(update.parsed(), String.valueOf(update.error()));
    Parsed add = StatementReader.read(new SqlText.Stmt("ALTER TABLE invoices ADD COLUMN comment text", 1));
    assertTrue(add.parsed(), String.valueOf(add.error()));
    assertEquals("ALTER TABLE t ADD COLUMN id uuid", Normaliser.quoteKeywords("ALTER TABLE t ADD COLUMN id uuid"),
        "a keyword that is a type stays bare");
    assertEquals("SELECT \"window\", 'window' FROM t", Normaliser.quoteKeywords("SELECT window, 'window' FROM t"));
  }

  @Test
  void recognisesLockAndReindexWithoutTheParser() {
    assertEquals(List.of(new Action.Lock("orders"), new Action.Lock("customers")),
        Normaliser.normalise("LOCK TABLE public.orders, \"Customers\" IN ACCESS EXCLUSIVE MODE").recognised());
    assertEquals(List.of(new Action.Lock("orders")), Normaliser.normalise("LOCK TABLES orders WRITE").recognised());
    assertEquals(List.of(new Action.Reindex("orders", false)),
        Normaliser.normalise("REINDEX TABLE orders").recognised());
    assertEquals(List.of(new Action.Reindex("", true)),
        Normaliser.normalise("REINDEX INDEX CONCURRENTLY orders_idx").recognised());
  }

  @Test
  void placeholdersBecomeNamesAndRecoveryReferencesAreKept() {
    Normaliser.Result r = Normaliser.normalise(
        "UPDATE customers c SET note = r.note FROM ${recovery.keep-note} r WHERE r.id = c.id");
    assertEquals(List.of("keep-note"), r.recoveryRefs());
    assertTrue(StatementReader.read(new SqlText.Stmt(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'", 1)).parsed());
  }

  @Test
  void whatNoRewriteCoversIsReportedNotGuessed() {
    Parsed p = StatementReader.read(new SqlText.Stmt("VACUUM FULL orders", 3));
    assertFalse(p.parsed());
    assertTrue(p.actions().isEmpty());
    assertTrue(p.error().startsWith("Encountered: "), "the parser's words, no exception class: " + p.error());
  }
}
