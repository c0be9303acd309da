package backstep.playbook;

import static backstep.playbook.DialectFamily.MYSQL;
import static backstep.playbook.DialectFamily.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a verify or check query must be: it reads a table, column or catalog object (so it can tell "applied" from
 * "not applied"), and it changes nothing (it runs before the step, after it and again on rollback).
 */
class ProofQueryTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1",
      "SELECT true",
      "SELECT 'x'",
      "SELECT 1 WHERE 1 = 1",
      "select 1 + 1 as two",
      "SELECT 'orders' WHERE 'a' IS DISTINCT FROM null",
      "SELECT 1 FROM (SELECT 1) x",
      "SELECT count(*) FROM generate_series(1, 3)",
      "WITH x AS (SELECT 1 AS n) SELECT count(*) FROM x",
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT max(n) FROM r",
      "VALUES (1)",
      "SELECT 1 FROM dual",
      "SELECT extract(year FROM now()) > 2000",
      "SELECT 1 -- FROM orders",
      "SELECT '/* FROM orders */'",
      "SELECT current_setting('lock_timeout') = '200ms'",
      "SELECT pg_backend_pid() > 0",
  })
  void aQueryThatNamesNoObjectProvesNothing(String sql) {
    assertFalse(ProofQuery.readsAnObject(sql, POSTGRESQL), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT count(*) FROM orders",
      "SELECT count(*) FROM ${schema}.orders WHERE note IS NULL",
      "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'note')",
      "SELECT 1 FROM \"Orders\" LIMIT 1",
      "select count(*) from orders o join customers c on c.id = o.customer_id",
      "TABLE orders",
      "SELECT to_regclass('orders_status_idx') IS NOT NULL",
      "SELECT 'orders'::regclass IS NOT NULL",
      "SELECT has_table_privilege('app', 'orders', 'SELECT')",
      "SELECT pg_get_indexdef('orders_status_idx'::regclass) LIKE '%status%'",
      "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('x')",
      "WITH x AS (SELECT id FROM orders) SELECT count(*) FROM x",
      "SELECT count(*) FROM ONLY orders",
      "SELECT count(*) FROM LATERAL (SELECT 1) a, orders",
  })
  void aQueryThatReadsATableColumnOrCatalogObjectCounts(String sql) {
    assertTrue(ProofQuery.readsAnObject(sql, POSTGRESQL), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT count(*) FROM `orders`",
      "SELECT COUNT(*) FROM information_schema.statistics WHERE index_name = 'orders_status_idx'",
  })
  void mysqlQuotesAndCatalog(String sql) {
    assertTrue(ProofQuery.readsAnObject(sql, MYSQL), sql);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "WITH d AS (DELETE FROM orders RETURNING 1) SELECT count(*) FROM d | DELETE",
      "with d as (update orders set status = 'x' returning 1) select count(*) from d | UPDATE",
      "WITH i AS (INSERT INTO orders (id) VALUES (1) RETURNING 1) SELECT count(*) FROM i | INSERT",
      "INSERT INTO orders (id) VALUES (1) | INSERT",
      "UPDATE orders SET status = status | UPDATE",
      "DELETE FROM orders | DELETE",
      "MERGE INTO orders o USING x ON o.id = x.id WHEN MATCHED THEN DELETE | MERGE",
      "TRUNCATE orders | TRUNCATE",
      "CREATE TABLE t (id INT) | CREATE",
      "DROP TABLE orders | DROP",
      "ALTER TABLE orders ADD COLUMN x INT | ALTER",
      "GRANT SELECT ON orders TO app | GRANT",
      "CALL refresh_totals() | CALL",
      "DO $$ BEGIN PERFORM 1; END $$ | DO",
      "COPY orders TO STDOUT | COPY",
      "SELECT * INTO orders_copy FROM orders | SELECT … INTO",
      "SELECT count(*) FROM orders FOR UPDATE | FOR UPDATE",
      "SELECT count(*) FROM orders FOR NO KEY UPDATE | FOR UPDATE",
      "SELECT count(*) FROM orders FOR SHARE | FOR SHARE",
      "SELECT setval('orders_id_seq', 1) | setval()",
      "SELECT nextval('orders_id_seq') FROM orders | nextval()",
      "SELECT pg_advisory_lock(42) FROM orders | pg_advisory_lock()",
      "SELECT pg_try_advisory_xact_lock(42) FROM orders | pg_try_advisory_xact_lock()",
      "SELECT set_config('x.y', '1', false) FROM orders | set_config()",
      "SELECT lo_unlink(1) FROM orders | lo_unlink()",
      "SELECT pg_terminate_backend(1) FROM orders | pg_terminate_backend()",
      "BEGIN | BEGIN",
      "COMMIT | COMMIT",
      "SET lock_timeout = 0 | SET",
      "EXPLAIN ANALYZE DELETE FROM orders | EXPLAIN",
      "SELECT count(*) FROM orders; DELETE FROM orders | DELETE",
  })
  void aQueryThatChangesDataIsNamed(String sql, String what) {
    assertEquals(Optional.of(what), ProofQuery.changes(sql, POSTGRESQL), sql);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "REPLACE INTO orders (id) VALUES (1) | REPLACE",
      "SELECT GET_LOCK('x', 1) FROM orders | GET_LOCK()",
      "SELECT id INTO @x FROM orders LIMIT 1 | SELECT … INTO",
      "SELECT count(*) FROM orders LOCK IN SHARE MODE | LOCK IN SHARE MODE",
      "SELECT NEXTVAL(orders_seq) FROM orders | NEXTVAL()",
      "SELECT NEXT VALUE FOR orders_seq | NEXT VALUE FOR",
      "LOAD DATA INFILE 'x' INTO TABLE orders | LOAD",
  })
  void mysqlWritesAreNamed(String sql, String what) {
    assertEquals(Optional.of(what), ProofQuery.changes(sql, MYSQL), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT count(*) FROM information_schema.triggers WHERE event_manipulation = 'DELETE'",
      "SELECT count(*) FROM orders -- no UPDATE here\nWHERE status = 'INSERT INTO'",
      "SELECT count(*) FROM orders /* DELETE */ WHERE note = $$drop table$$",
      "SELECT count(*) FROM information_schema.columns WHERE is_updatable = 'YES' AND is_insertable_into = 'NO'",
      "(SELECT count(*) FROM orders)",
      "SELECT count(*) FROM orders WHERE replace(status, 'a', 'b') = 'x'",
      "SELECT count(*) FROM orders WHERE updated_at > created_at",
      "SELECT n_tup_del FROM pg_stat_user_tables WHERE relname = 'orders'",
      "SELECT \"delete\" FROM orders",
      "SHOW INDEX FROM orders",
  })
  void aQueryThatOnlyReadsChangesNothing(String sql) {
    assertEquals(Optional.empty(), ProofQuery.changes(sql, sql.startsWith("SHOW") ? MYSQL : POSTGRESQL), sql);
  }
}
