package backstep.db;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.currentSchema;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.CreateTableElementListStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * The demo shop that Backstep's sample playbooks change: {@code customers}, {@code orders} and
 * {@code feature_flags}, the same schema and the same rows (20,000 customers, 60,000 orders, 4 flags, from a fixed
 * seed) on PostgreSQL, MySQL and MariaDB. Some (full_name, country) pairs repeat on purpose: a sample playbook adds a
 * unique constraint that must fail on them.
 *
 * <p>Seeding (multi-row inserts of {@value #ROWS_PER_INSERT} rows in one transaction) measured on the development
 * machine (2 cores): about 1.2 s on PostgreSQL 15 and 1.3 s on MariaDB 10.11 once the JVM is warm; about 2 s when it
 * is the first jOOQ work of a fresh JVM, as in {@code backstep sandbox}; the same on the embedded sandbox.
 */
public final class DemoSchema {
  /** What {@link #seed} created, and how long it took. */
  public record SeedResult(long customers, long orders, long flags, Duration took) {}

  private static final List<String> TABLES = List.of("customers", "orders", "feature_flags");
  private static final int ROWS_PER_INSERT = 1000;
  private static final Settings SETTINGS = new Settings()
      .withRenderQuotedNames(RenderQuotedNames.NEVER)
      .withRenderFormatted(false);
  private static final String MYSQL_TABLE_OPTIONS = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

  private static final Table<Record> CUSTOMERS = table(unquotedName("customers"));
  private static final Table<Record> ORDERS = table(unquotedName("orders"));
  private static final Table<Record> FEATURE_FLAGS = table(unquotedName("feature_flags"));
  private static final Field<Long> ID = field(unquotedName("id"), SQLDataType.BIGINT);
  private static final Field<String> FULL_NAME = field(unquotedName("full_name"), SQLDataType.VARCHAR);
  private static final Field<String> EMAIL = field(unquotedName("email"), SQLDataType.VARCHAR);
  private static final Field<String> COUNTRY = field(unquotedName("country"), SQLDataType.CHAR);
  private static final Field<LocalDateTime> CREATED_AT = field(unquotedName("created_at"), SQLDataType.LOCALDATETIME);
  private static final Field<Long> CUSTOMER_ID = field(unquotedName("customer_id"), SQLDataType.BIGINT);
  private static final Field<String> STATUS = field(unquotedName("status"), SQLDataType.VARCHAR);
  private static final Field<Long> TOTAL_CENTS = field(unquotedName("total_cents"), SQLDataType.BIGINT);
  private static final Field<String> NAME = field(unquotedName("name"), SQLDataType.VARCHAR);
  private static final Field<Boolean> ENABLED = field(unquotedName("enabled"), SQLDataType.BOOLEAN);
  private static final Field<LocalDateTime> UPDATED_AT = field(unquotedName("updated_at"), SQLDataType.LOCALDATETIME);

  private DemoSchema() {}

  /** The demo tables, in creation order. */
  public static List<String> tables() {
    return TABLES;
  }

  /**
   * Creates the demo tables in the connection's current schema (database on MySQL/MariaDB) and fills them, in one
   * transaction where the database allows it (MySQL and MariaDB commit DDL implicitly). On PostgreSQL the identity
   * sequences are moved past the inserted ids afterwards, so later inserts without an id work.
   *
   * @param dialect {@code POSTGRES}, {@code MYSQL} or {@code MARIADB}
   * @param replace drop existing demo tables (and, on PostgreSQL, whatever depends on them) first
   * @throws IllegalStateException if a demo table exists and {@code replace} is false
   */
  public static SeedResult seed(Connection c, SQLDialect dialect, boolean replace) throws SQLException {
    SQLDialect family = dialect.family();
    if (family != SQLDialect.POSTGRES && family != SQLDialect.MYSQL && family != SQLDialect.MARIADB) {
      throw new IllegalArgumentException("the demo schema supports PostgreSQL, MySQL and MariaDB, not " + dialect);
    }
    long started = System.nanoTime();
    boolean autoCommit = c.getAutoCommit();
    try {
      c.setAutoCommit(false);
      DemoData data = recreate(DSL.using(c, dialect, SETTINGS), family, replace);
      c.commit();
      return new SeedResult(data.customers().size(), data.orders().size(), data.flags().size(),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (DataAccessException e) {
      SQLException cause = e.getCause(SQLException.class); // the driver's message, without jOOQ's long SQL text
      SQLException failure = cause != null ? cause : new SQLException(e.getMessage(), e);
      rollback(c, failure);
      throw failure;
    } catch (SQLException | RuntimeException e) {
      rollback(c, e);
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static DemoData recreate(DSLContext ctx, SQLDialect family, boolean replace) {
    List<String> existing = existingTables(ctx);
    if (!existing.isEmpty() && !replace) {
      throw new IllegalStateException("demo tables already exist: " + String.join(", ", existing)
          + " (use --replace to recreate them)");
    }
    if (!existing.isEmpty()) {
      drop(ctx, family);
    }
    create(ctx, family);
    DemoData data = DemoData.generate();
    insert(ctx, data);
    if (family == SQLDialect.POSTGRES) {
      moveIdentitiesPast(ctx, "customers", "orders");
    }
    return data;
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static List<String> existingTables(DSLContext ctx) {
    Field<String> name = field(unquotedName("table_name"), SQLDataType.VARCHAR);
    Set<String> found = ctx.select(lower(name))
        .from(table(unquotedName("information_schema", "tables")))
        .where(field(unquotedName("table_schema"), SQLDataType.VARCHAR).eq(currentSchema()))
        .and(lower(name).in(TABLES))
        .fetchSet(0, String.class);
    return TABLES.stream().filter(found::contains).toList();
  }

  private static void drop(DSLContext ctx, SQLDialect family) {
    for (Table<Record> t : List.of(ORDERS, CUSTOMERS, FEATURE_FLAGS)) {
      ctx.execute(family == SQLDialect.POSTGRES ? ctx.dropTableIfExists(t).cascade() : ctx.dropTableIfExists(t));
    }
  }

  private static void create(DSLContext ctx, SQLDialect family) {
    DataType<LocalDateTime> timestamp = timestamp(family).nullable(false);
    ctx.execute(withOptions(family, ctx.createTable(CUSTOMERS)
        .column(ID, SQLDataType.BIGINT.identity(true))
        .column(FULL_NAME, SQLDataType.VARCHAR(200).nullable(false))
        .column(EMAIL, SQLDataType.VARCHAR(255).nullable(false))
        .column(COUNTRY, SQLDataType.CHAR(2).nullable(false))
        .column(CREATED_AT, timestamp)
        .constraints(primaryKey(ID), constraint(unquotedName("customers_email_key")).unique(EMAIL))));
    ctx.execute(withOptions(family, ctx.createTable(ORDERS)
        .column(ID, SQLDataType.BIGINT.identity(true))
        .column(CUSTOMER_ID, SQLDataType.BIGINT.nullable(false))
        .column(STATUS, SQLDataType.VARCHAR(20).nullable(false))
        .column(TOTAL_CENTS, SQLDataType.BIGINT.nullable(false))
        .column(CREATED_AT, timestamp)
        .constraints(primaryKey(ID),
            constraint(unquotedName("orders_customer_fk")).foreignKey(CUSTOMER_ID).references(CUSTOMERS, ID))));
    ctx.execute(withOptions(family, ctx.createTable(FEATURE_FLAGS)
        .column(NAME, SQLDataType.VARCHAR(100).nullable(false))
        .column(ENABLED, SQLDataType.BOOLEAN.nullable(false))
        .column(UPDATED_AT, timestamp.defaultValue(DSL.currentLocalDateTime()))
        .constraints(primaryKey(NAME))));
  }

  /**
   * TIMESTAMP without time zone: {@code timestamp} on PostgreSQL, {@code datetime} on MySQL/MariaDB. jOOQ renders
   * {@code timestamp} there too, which MySQL converts through the session time zone, limits to 2038 and, with
   * {@code explicit_defaults_for_timestamp=OFF}, updates on every row change.
   */
  private static DataType<LocalDateTime> timestamp(SQLDialect family) {
    return family == SQLDialect.POSTGRES
        ? SQLDataType.LOCALDATETIME
        : new DefaultDataType<>(family, SQLDataType.LOCALDATETIME, "datetime");
  }

  private static Query withOptions(SQLDialect family, CreateTableElementListStep create) {
    return family == SQLDialect.POSTGRES ? create : create.storage(MYSQL_TABLE_OPTIONS);
  }

  private static void insert(DSLContext ctx, DemoData data) {
    insertChunks(ctx, CUSTOMERS, List.of(ID, FULL_NAME, EMAIL, COUNTRY, CREATED_AT), data.customers(),
        r -> List.of(r.id(), r.fullName(), r.email(), r.country(), r.createdAt()));
    insertChunks(ctx, ORDERS, List.of(ID, CUSTOMER_ID, STATUS, TOTAL_CENTS, CREATED_AT), data.orders(),
        r -> List.of(r.id(), r.customerId(), r.status(), r.totalCents(), r.createdAt()));
    insertChunks(ctx, FEATURE_FLAGS, List.of(NAME, ENABLED, UPDATED_AT), data.flags(),
        r -> List.of(r.name(), r.enabled(), r.updatedAt()));
  }

  /** Multi-row INSERTs with bind values: fast on every driver, with no JDBC URL option needed. */
  private static <R> void insertChunks(DSLContext ctx, Table<Record> table, List<Field<?>> columns, List<R> rows,
      Function<R, List<?>> values) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      InsertValuesStepN<Record> insert = ctx.insertInto(table, columns).values(values.apply(rows.get(from)));
      for (R row : rows.subList(from + 1, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
        insert = insert.values(values.apply(row));
      }
      insert.execute();
    }
  }

  private static void moveIdentitiesPast(DSLContext ctx, String... tables) {
    for (String t : tables) {
      ctx.fetch("select setval(pg_get_serial_sequence('" + t + "', 'id'), max(id)) from " + t);
    }
  }
}
