package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's and MySQL's catalog spellings of a column type, as snapshots and {@code diff} write them. */
class TypeNamesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "character varying(200)|varchar(200)",
    "character varying|varchar",
    "character(13)|char(13)",
    "character|char",
    "timestamp without time zone|timestamp",
    "timestamp(3) without time zone|timestamp(3)",
    "timestamp with time zone|timestamptz",
    "timestamp(6) with time zone|timestamptz(6)",
    "time without time zone|time",
    "time(2) with time zone|timetz(2)",
    "bit varying(8)|varbit(8)",
    "bit(8)|bit(8)",
    "bigint|bigint",
    "numeric(12,2)|numeric(12,2)",
    "text[]|text[]",
    "character varying(20)[]|varchar(20)[]",
    "interval|interval",
    "tsvector|tsvector",
    "timetz|timetz",
  })
  void postgresSpellingsAreShortened(String formatted, String expected) {
    assertEquals(expected, TypeNames.postgres(formatted));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "tinyint(1)|boolean",
    "int(11)|integer",
    "int(10) unsigned|integer unsigned",
    "bigint(20)|bigint",
    "varchar(200)|varchar(200)",
    "INT|integer",
  })
  void mysqlSpellingsAreShortened(String columnType, String expected) {
    assertEquals(expected, TypeNames.mysql(columnType));
  }
}
