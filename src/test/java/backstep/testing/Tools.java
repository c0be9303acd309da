package backstep.testing;

import backstep.history.HistoryWriter;
import backstep.history.ImportResult;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;

/**
 * The other tools, for tests that adopt what they applied: the real Flyway and Liquibase through their Java APIs,
 * and histories written from a test's own migration files the way an importer would (for the formats whose
 * importer is not in this branch yet: Flyway, golang-migrate, Sqitch).
 */
public final class Tools {
  private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__(.+)\\.sql");
  private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

  /** Liquibase logs every step at INFO through java.util.logging; a test wants its warnings only. */
  private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

  static {
    LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private Tools() {}

  /** A copy of a folder of {@code src/test/resources}, to migrate from and to edit. */
  public static Path copy(String resource, Path to) throws IOException {
    Path from;
    try {
      from = Path.of(Tools.class.getClassLoader().getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    return to;
  }

  /** {@code Flyway.migrate()} of the SQL files in {@code dir} on {@code db}, up to version {@code target}. */
  public static int flyway(ScratchDb db, Path dir, String target) {
    Flyway f = Flyway.configure().dataSource(db.url(), db.user(), db.kind() == ScratchDb.Kind.POSTGRES ? null : "")
        .locations("filesystem:" + dir.toAbsolutePath()).target(target).load();
    return f.migrate().migrationsExecuted;
  }

  /**
   * Flyway's checksum of a migration file as it stores it: CRC32 over the file's lines read as UTF-8, each without
   * its line terminator, a byte-order mark stripped from the first; the 32 bits as a signed int.
   */
  public static String flywayChecksum(Path file) {
    CRC32 crc = new CRC32();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      while (line != null) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
        line = r.readLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "crc32:" + (int) crc.getValue();
  }

  /**
   * The migrations of a Flyway folder as an importer reads them: {@code sql/V<v>__<d>.sql} in version order, then
   * {@code sql/R__<d>.sql}, each with its undo {@code undo/U<v>__<d>.sql} (kept apart, where Flyway's community
   * edition does not look), checksums computed as Flyway does.
   */
  public static List<Migration> flywayMigrations(Path project, DialectFamily family) throws IOException {
    List<Migration> versioned = new ArrayList<>();
    List<Migration> repeatable = new ArrayList<>();
    try (Stream<Path> files = Files.list(project.resolve("sql"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        Matcher v = VERSIONED.matcher(name);
        Matcher r = REPEATABLE.matcher(name);
        if (v.matches()) {
          Path undo = project.resolve("undo").resolve("U" + v.group(1) + "__" + v.group(2) + ".sql");
          versioned.add(migration(v.group(1).replace('_', '.'), v.group(2).replace('_', ' '), name, f,
              Files.exists(undo) ? Files.readString(undo) : null, false, family));
        } else if (r.matches()) {
          repeatable.add(migration("R", r.group(1).replace('_', ' '), name, f, null, true, family));
        }
      }
    }
    versioned.sort(Comparator.comparing(m -> new java.math.BigDecimal(m.version())));
    versioned.addAll(repeatable);
    return versioned;
  }

  private static Migration migration(String version, String description, String name, Path up, String down,
      boolean repeatable, DialectFamily family) throws IOException {
    return new Migration(version, description, name, 1, "", flywayChecksum(up), repeatable,
        Map.of(family, Files.readString(up)), down == null ? Map.of() : Map.of(family, down), Map.of(), List.of());
  }

  /** Liquibase {@code update-count}: the first {@code count} changesets of {@code changelog} (in {@code dir}). */
  public static void liquibase(ScratchDb db, Path dir, String changelog, int count) throws Exception {
    CommandScope cmd = new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
        .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog)
        .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
        .addArgumentValue("showSummary", liquibase.UpdateSummaryEnum.OFF)
        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, db.url())
        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, db.user())
        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG,
            db.kind() == ScratchDb.Kind.POSTGRES ? null : "");
    Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir),
        Scope.Attr.ui.name(), new LoggerUIService()), () -> {
          cmd.execute();
        });
  }

  private static final Pattern UP = Pattern.compile("(\\d+)_(.+)\\.up\\.sql");

  /**
   * A golang-migrate folder as an importer reads it: {@code <version>_<name>.up.sql} with its {@code .down.sql}, in
   * version order; golang-migrate keeps no checksum, so each carries the SHA-256 of its up script.
   *
   * @param versions the versions to give the migrations instead of the files' (a dbmate project's timestamps), or
   *     null
   */
  public static List<Migration> golangMigrations(Path project, DialectFamily family, List<String> versions)
      throws IOException {
    List<Migration> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(project)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = UP.matcher(f.getFileName().toString());
        if (m.matches()) {
          String up = Files.readString(f);
          String down = Files.readString(f.resolveSibling(m.group(1) + "_" + m.group(2) + ".down.sql"));
          String v = versions == null ? m.group(1) : versions.get(out.size());
          out.add(new Migration(v, m.group(2).replace('_', ' '), f.getFileName().toString(), 1, "",
              "sha256:" + digest("SHA-256", up.getBytes(StandardCharsets.UTF_8)), false, Map.of(family, up),
              Map.of(family, down), Map.of(), List.of()));
        }
      }
    }
    return out;
  }

  /**
   * A Sqitch project's changes, in plan order, as an importer reads them: {@code deploy/<change>.sql} (a reworked
   * change's earlier version is {@code <change>@<tag>}) with its {@code revert/} script, their {@code BEGIN}/
   * {@code COMMIT} lines taken out, the script hash as Sqitch stores it (SHA-1 of the deploy file).
   */
  public static List<Migration> sqitchMigrations(Path project, List<String> changes, DialectFamily family)
      throws IOException {
    List<Migration> out = new ArrayList<>();
    for (String change : changes) {
      Path deploy = project.resolve("deploy").resolve(change + ".sql");
      out.add(new Migration(change, "", "deploy/" + change + ".sql", 1, "Ines Moreau", "sha1:" + sqitchHash(deploy),
          false, Map.of(family, unwrapped(deploy)), Map.of(family, unwrapped(project.resolve("revert")
              .resolve(change + ".sql"))), Map.of(), List.of()));
    }
    return out;
  }

  /** Sqitch's {@code script_hash} of a deploy script: the SHA-1 of the file's bytes. */
  public static String sqitchHash(Path deploy) throws IOException {
    return digest("SHA-1", Files.readAllBytes(deploy));
  }

  private static String unwrapped(Path script) throws IOException {
    return Files.readAllLines(script).stream().filter(l -> !l.strip().matches("(?i)(BEGIN|COMMIT);"))
        .collect(java.util.stream.Collectors.joining("\n")).strip();
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a script's statements (split at each {@code ;} that ends a line) as the tool would send them. */
  public static void run(ScratchDb db, String script) throws java.sql.SQLException {
    db.exec(java.util.Arrays.stream(script.split(";\\s*(\\n|$)")).map(String::strip)
        .filter(s -> !s.isEmpty() && !s.lines().allMatch(l -> l.strip().startsWith("--")))
        .toArray(String[]::new));
  }

  /** Writes {@code migrations} as an importer of {@code format} would: one playbook each, and history.yaml. */
  public static Path history(String format, String name, List<Migration> migrations, DialectFamily family, Path dir)
      throws IOException {
    ImportResult r = new ImportResult(format, dir, name, Set.of(family), migrations, List.of(), List.of());
    return HistoryWriter.write(r, dir, false, Instant.now()).history();
  }
}
