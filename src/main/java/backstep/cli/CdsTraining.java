package backstep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training runs behind a distribution's class-data-sharing archives, run by {@code bin/backstep} on first use
 * (and by the Debian package when it is installed), never by a user: the quick commands ({@code --version},
 * {@code --help}, {@code validate}, {@code lint}) on the sample playbooks, their output discarded; for the archive of
 * the database commands also jOOQ and both JDBC drivers warmed, and every class named in
 * {@code cds-commands.classlist} loaded (what {@code apply}, {@code rollback}, {@code status}, {@code history} and
 * {@code rehearse} load in real runs). The JVM runs with {@code -XX:DumpLoadedClassList}, and the launcher makes a
 * static archive of that list, with the lambda proxies and method-handle forms those runs made
 * ({@code cds-commands.indy}) added to it: loading a class does not make them, and without them every start spins
 * about 230 lambda classes of its own.
 */
public final class CdsTraining {
  private CdsTraining() {
  }

  /**
   * {@code args[0]}: the folder of sample playbooks; {@code --quick} after it trains the quick commands alone (for
   * their own, small archive), without the database classes; otherwise {@code --indy FILE} writes the lines of
   * {@link #COMMAND_INDY} to FILE, for the launcher to add to the class list. Exits 0 when every command ran as on
   * a good install.
   */
  public static void main(String[] args) {
    boolean ok = train(args[0]).isEmpty();
    List<String> options = List.of(args).subList(1, args.length);
    if (!options.contains("--quick")) {
      warmDatabaseClasses();
      loadCommandClasses(CdsTraining.class.getClassLoader());
      int at = options.indexOf("--indy");
      if (at >= 0 && at + 1 < options.size()) {
        writeIndy(Path.of(options.get(at + 1)));
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * Writes the lines of {@link #COMMAND_INDY} to {@code to}; false when they could not be written (the launcher then
   * makes the archive without them, as it would with an older jar).
   */
  static boolean writeIndy(Path to) {
    try {
      Files.write(to, resourceLines(COMMAND_INDY));
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The resource naming the classes the database commands load ({@code bench/cds-classes.sh} remakes it). */
  static final String COMMAND_CLASSES = "cds-commands.classlist";

  /**
   * The binary names in {@link #COMMAND_CLASSES}: what {@code apply}, {@code rollback}, {@code status},
   * {@code history} and {@code rehearse} loaded in one real run each, on both database families.
   */
  static List<String> commandClassNames() {
    return resourceLines(COMMAND_CLASSES);
  }

  /**
   * The resource of class-list lines that name the lambda proxies ({@code @lambda-proxy}) and method-handle forms
   * ({@code @lambda-form-invoker}) the same real runs made, as {@code -XX:DumpLoadedClassList} wrote them (picocli's
   * left out: its Java 5 class files may not be linked while the archive is dumped).
   */
  static final String COMMAND_INDY = "cds-commands.indy";

  /** A resource's lines, stripped, without blank lines and comments; none when it is missing. */
  static List<String> resourceLines(String resource) {
    InputStream in = CdsTraining.class.getResourceAsStream(resource);
    if (in == null) {
      return List.of();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads, without initialising, every class a database command loads, so that the archive made from this run
   * holds them (no database needed: a class loaded is a class archived, run or not). Names that no longer resolve
   * (a class renamed since the list was made) are skipped; returns how many loaded.
   */
  static int loadCommandClasses(ClassLoader loader) {
    int loaded = 0;
    for (String name : commandClassNames()) {
      try {
        Class.forName(name, false, loader);
        loaded++;
      } catch (ClassNotFoundException | LinkageError skipped) {
        // renamed or gone since the list was made: CdsClassListTest fails on it for backstep's own classes
      }
    }
    return loaded;
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
