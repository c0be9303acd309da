package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.DialectFamily;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which type changes rewrite (PostgreSQL) or copy (MySQL/MariaDB) a table. */
class ColumnTypeTest {
  @ParameterizedTest(name = "{0}: {1} → {2} rewrites: {3}")
  @CsvSource({
      "postgresql, integer, bigint, true",
      "postgresql, int4, integer, false",
      "postgresql, varchar(100), varchar(200), false",
      "postgresql, varchar(200), varchar(100), true",
      "postgresql, character varying(20), text, false",
      "postgresql, varchar(20), varchar, false",
      "postgresql, text, varchar(20), true",
      "postgresql, text, integer, true",
      "postgresql, numeric(10;2), numeric(12;2), false",
      "postgresql, numeric(10;2), numeric(12;3), true",
      "mysql, varchar(20), varchar(60), false",
      "mysql, varchar(60), varchar(100), true",
      "mysql, varchar(100), varchar(1000), false",
      "mysql, int, bigint, true",
      "mysql, boolean, bool, false"})
  void knowsWhichChangesAreInPlace(String family, String from, String to, boolean rewrites) {
    assertEquals(rewrites, ColumnType.rewrites(type(from), type(to), DialectFamily.fromKey(family).orElseThrow()));
  }

  private static ColumnType type(String s) {
    return ColumnType.of(s.replace(';', ','), List.of());
  }
}
