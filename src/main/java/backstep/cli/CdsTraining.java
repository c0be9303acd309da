package backstep.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind a distribution's class-data-sharing archive: the quick commands ({@code --version},
 * {@code --help}, {@code validate}, {@code lint}) on the sample playbooks, their output discarded, so that the JVM
 * started with {@code -XX:ArchiveClassesAtExit} archives the classes those commands load. Run by {@code bin/backstep}
 * on first use and by the Debian package when it is installed; never by a user.
 */
public final class CdsTraining {
  private CdsTraining() {
  }

  /**
   * {@code args[0]}: the folder of sample playbooks; {@code --quick} after it trains the quick commands alone (for
   * their own, small archive), without the database classes. Exits 0 when every command ran as on a good install.
   */
  public static void main(String[] args) {
    boolean ok = train(args[0]).isEmpty();
    if (args.length < 2 || !"--quick".equals(args[1])) {
      warmDatabaseClasses();
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * Loads what a command that talks to a database needs before its first round trip, without one: jOOQ building
   * and rendering the kinds of statement the ledger sends, for both families, and both JDBC drivers up to a refused
   * connection (port 1 of the loopback, one-second timeouts). Failures are expected and ignored: only the classes
   * loaded on the way matter, so that {@code apply}, {@code rollback} and {@code status} start from the archive too.
   */
  static void warmDatabaseClasses() {
    for (org.jooq.SQLDialect d : List.of(org.jooq.SQLDialect.POSTGRES, org.jooq.SQLDialect.MARIADB)) {
      org.jooq.DSLContext x = org.jooq.impl.DSL.using(d);
      org.jooq.Table<?> t = org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("backstep", "event"));
      org.jooq.Field<Long> seq = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("seq"), Long.class);
      org.jooq.Field<String> hash = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("hash"), String.class);
      x.createTableIfNotExists(t).column(seq, org.jooq.impl.SQLDataType.BIGINT.notNull())
          .column(hash, org.jooq.impl.SQLDataType.VARCHAR(64)).constraints(org.jooq.impl.DSL.primaryKey(seq)).getSQL();
      x.insertInto(t, seq, hash).values(1L, "h").getSQL();
      x.select(seq, hash).from(t).where(hash.eq("h").and(seq.in(1L, 2L))).orderBy(seq.desc()).limit(1).getSQL();
      x.update(t).set(hash, "h").where(seq.eq(1L)).getSQL();
      x.deleteFrom(t).where(seq.eq(1L)).getSQL();
    }
    for (String url : List.of("jdbc:postgresql://127.0.0.1:1/backstep_cds?connectTimeout=1",
        "jdbc:mariadb://127.0.0.1:1/backstep_cds?connectTimeout=1000")) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "backstep", "")) {
        c.isValid(1);
      } catch (java.sql.SQLException | RuntimeException expected) {
        // refused, as intended: the driver's classes are loaded
      }
    }
  }

  /** Runs the commands; returns those that did not end as on a good install (exit 0, or 1 for lint findings). */
  static List<String> train(String samples) {
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
    List<String> bad = new ArrayList<>();
    for (String[] command : new String[][] {{"--version"}, {"--help"}, {"validate", samples},
        {"lint", "--severity", "error", samples}, {"validate", "--help"}}) {
      int code = Main.execute(command, sink, sink);
      if (code != ExitCodes.OK && code != ExitCodes.FAILED) {
        bad.add(String.join(" ", command) + ": exit " + code);
      }
    }
    return bad;
  }
}
