package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a folder of golang-migrate migrations ({@code <version>_<name>.up.sql} with its {@code .down.sql}), and of
 * the single-file shapes dbmate ({@code -- migrate:up} / {@code -- migrate:down}) and goose ({@code -- +goose Up} /
 * {@code -- +goose Down}) write, in numeric version order. The folder itself only, as these tools read it. The SQL
 * family comes from {@code --dialect}; the checksum is a {@code sha256:} of the up file, since these tools keep none.
 */
public final class GolangMigrateImporter implements Importer {
  private static final Pattern SPLIT = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.([^.]+)");
  private static final Pattern SINGLE = Pattern.compile("(\\d+)_(.*)\\.sql", Pattern.CASE_INSENSITIVE);
  private static final Pattern GO = Pattern.compile("(\\d+)_.*\\.go");
  private static final Pattern DELIMITER = Pattern.compile("(?im)^[ \\t]*DELIMITER[ \\t]");

  /** One version's files. */
  private static final class Slot {
    String version = "";
    String name = "";
    Path up;
    Path down;
  }

  @Override
  public String format() {
    return "golang-migrate";
  }

  @Override
  public ImportResult read(Path source, Optional<DialectFamily> dialect) throws InvalidFileException {
    MigrationFolder folder = MigrationFolder.open(source, "golang-migrate");
    Map<BigInteger, Slot> slots = new TreeMap<>();
    for (Path file : folder.files(false)) {
      String name = file.getFileName().toString();
      Matcher split = SPLIT.matcher(name);
      Matcher single = SINGLE.matcher(name);
      if (split.matches() && !split.group(4).equalsIgnoreCase("sql")) {
        folder.notImported(file, "not SQL (." + split.group(4) + "): Backstep imports SQL migrations only");
      } else if (split.matches()) {
        place(folder, file, slots, split.group(1), split.group(2), split.group(3).equals("up"));
      } else if (single.matches()) {
        place(folder, file, slots, single.group(1), single.group(2), true);
      } else if (GO.matcher(name).matches()) {
        folder.notImported(file, "a Go migration (goose): Backstep imports SQL migrations only");
      } else if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
        folder.notImported(file, "not a migration name (<version>_<name>.up.sql and .down.sql; or "
            + "<version>_<name>.sql with -- migrate:up or -- +goose Up sections)");
      }
    }
    subfolders(folder);
    if (dialect.isEmpty() && !slots.isEmpty()) {
      folder.problem(source, 1, "golang-migrate files do not say which SQL family they are written for: pass "
          + "--dialect postgresql or --dialect mysql");
    }
    folder.failOnProblems();
    List<Migration> migrations = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (slot.up == null) {
        folder.notImported(slot.down, "a down file without its up file");
        continue;
      }
      migration(folder, slot, dialect.get()).ifPresent(migrations::add);
    }
    folder.failOnProblems();
    return folder.result(format(), dialect.map(Set::of).orElse(Set.of()), migrations);
  }

  private static void place(MigrationFolder folder, Path file, Map<BigInteger, Slot> slots, String version,
      String name, boolean up) {
    Slot slot = slots.computeIfAbsent(new BigInteger(version), v -> new Slot());
    Path seen = up ? slot.up : slot.down;
    if (seen != null) {
      folder.problem(file, 1, "version " + new BigInteger(version) + " is also " + folder.relative(seen) + ": each "
          + "version needs one " + (up ? "up" : "down") + " migration; renumber or remove one");
      return;
    }
    if (up) {
      slot.up = file;
      slot.version = version;
      slot.name = name;
    } else {
      slot.down = file;
    }
  }

  private static void subfolders(MigrationFolder folder) throws InvalidFileException {
    try (Stream<Path> s = Files.list(folder.root())) {
      s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).sorted()
          .forEach(d -> folder.notImported(d, "a folder: golang-migrate, dbmate and goose read only the folder they "
              + "are given (import it on its own)"));
    } catch (IOException e) {
      folder.problem(folder.root(), 1, "cannot list: " + e.getMessage());
      folder.failOnProblems();
    }
  }

  private static Optional<Migration> migration(MigrationFolder folder, Slot slot, DialectFamily family) {
    Optional<MigrationFolder.Source> upSrc = folder.read(slot.up);
    if (upSrc.isEmpty()) {
      return Optional.empty();
    }
    String text = upSrc.get().text();
    List<String> notes = new ArrayList<>();
    String version = new BigInteger(slot.version).toString();
    String up;
    Optional<String> down;
    String downFile = slot.down == null ? "" : folder.relative(slot.down);
    String original = text;
    if (slot.up.getFileName().toString().contains(".up.")) {
      up = text;
      down = Optional.empty();
      if (slot.down != null) {
        Optional<MigrationFolder.Source> downSrc = folder.read(slot.down);
        if (downSrc.isEmpty()) {
          return Optional.empty();
        }
        down = Optional.of(downSrc.get().text());
        original = text + "\n" + down.get();
      }
    } else {
      boolean dbmate = SectionedSqlFile.isDbmate(text);
      if (!dbmate && !SectionedSqlFile.isGoose(text)) {
        folder.problem(slot.up, 1, "neither '-- migrate:up' (dbmate) nor '-- +goose Up' (goose) is in this file; "
            + "a golang-migrate file is named <version>_<name>.up.sql");
        return Optional.empty();
      }
      Optional<SectionedSqlFile> sections = dbmate ? SectionedSqlFile.dbmate(folder, slot.up, text, family)
          : SectionedSqlFile.goose(folder, slot.up, text, family);
      if (sections.isEmpty()) {
        return Optional.empty();
      }
      if (dbmate) {
        version = slot.version;
      }
      up = sections.get().up();
      down = sections.get().down();
      notes.addAll(sections.get().notes());
      downFile = (dbmate ? "the -- migrate:down section" : "the -- +goose Down section") + " of "
          + folder.relative(slot.up);
      if (slot.down != null) {
        folder.notImported(slot.down, "a down file beside the single-file migration " + folder.relative(slot.up));
      }
    }
    if (down.isPresent() && FlywayImporter.isBlank(down.get(), family)) {
      notes.add(downFile + " holds no statement: the migration has no down");
      down = Optional.empty();
    }
    if (family == DialectFamily.MYSQL && DELIMITER.matcher(original).find()) {
      notes.add("a DELIMITER line: a mysql client command that these tools send to the server, which refuses it; "
          + "Backstep reads it as the mysql client does");
    }
    return Optional.of(new Migration(version, slot.name.replace('_', ' '), folder.relative(slot.up), 1, "",
        MigrationFolder.sha256(upSrc.get().bytes()), false, Map.of(family, up),
        down.map(d -> Map.of(family, d)).orElse(Map.of()), Map.of(), notes));
  }
}
