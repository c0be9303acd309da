package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.SqlSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * Reads a folder of Flyway SQL migrations, searched recursively as Flyway searches its {@code locations}:
 * {@code V<version>__<desc>.sql} paired with its {@code U<version>__….sql} undo, in Flyway's version order, then
 * the {@code R__<desc>.sql} repeatables by description. A folder named {@code postgresql}, {@code postgres},
 * {@code pg}, {@code mysql} or {@code mariadb} on a file's path gives its SQL family, and one version in two such
 * folders is one migration with SQL for both; other files take the family from {@code --dialect}. Each migration
 * keeps the checksum Flyway stores in {@code flyway_schema_history}.
 */
public final class FlywayImporter implements Importer {
  private static final Pattern SCRIPT_CONFIG_LINE =
      Pattern.compile("(?m)^[ \\t]*--[ \\t]*flyway:(\\w+)[ \\t]*=[ \\t]*(.*?)[ \\t]*$");
  private static final Set<String> CONFIG_FILES = Set.of("flyway.conf", "flyway.toml");

  /** The files of one migration (one version, or one repeatable description), per SQL family. */
  private static final class Slot {
    final Map<DialectFamily, Path> up = new EnumMap<>(DialectFamily.class);
    final Map<DialectFamily, Path> undo = new EnumMap<>(DialectFamily.class);
    String version = "";
    String description = "";
  }

  @Override
  public String format() {
    return "flyway";
  }

  @Override
  public ImportResult read(Path source, Optional<DialectFamily> dialect) throws InvalidFileException {
    MigrationFolder folder = MigrationFolder.open(source, "Flyway");
    Map<FlywayVersion, Slot> versioned = new TreeMap<>();
    Map<String, Slot> repeatable = new TreeMap<>();
    List<Path> withoutFamily = new ArrayList<>();
    for (Path file : folder.files(true)) {
      FlywayName name = FlywayName.of(file.getFileName().toString());
      switch (name.kind()) {
        case SKIPPED -> folder.notImported(file, name.why());
        case SCRIPT_CONFIG -> {
          String sql = file.getFileName().toString();
          if (!Files.isRegularFile(file.resolveSibling(sql.substring(0, sql.length() - ".conf".length())))) {
            folder.notImported(file, "script config without its migration");
          }
        }
        case IGNORED -> {
          if (CONFIG_FILES.contains(file.getFileName().toString())) {
            folder.warn(folder.relative(file) + ": Flyway configuration is not read; placeholders, encoding and "
                + "settings given there do not apply to the playbooks");
          }
        }
        default -> {
          Optional<DialectFamily> family = family(folder, file).or(() -> dialect);
          if (family.isEmpty()) {
            withoutFamily.add(file);
          } else {
            place(folder, file, name, family.get(), versioned, repeatable);
          }
        }
      }
    }
    if (!withoutFamily.isEmpty()) {
      folder.problem(withoutFamily.get(0), 1, "no SQL family for " + folder.relative(withoutFamily.get(0))
          + (withoutFamily.size() > 1 ? " and " + (withoutFamily.size() - 1) + " other file(s)" : "")
          + ": they are in no postgresql/ or mysql/ folder; say which family they are written for with "
          + "--dialect postgresql or --dialect mysql");
    }
    folder.failOnProblems();
    List<Migration> migrations = new ArrayList<>();
    List<String> withPlaceholders = new ArrayList<>();
    versioned.values().forEach(s -> migration(folder, s, false, withPlaceholders).ifPresent(migrations::add));
    repeatable.values().forEach(s -> migration(folder, s, true, withPlaceholders).ifPresent(migrations::add));
    folder.failOnProblems();
    Set<DialectFamily> families = EnumSet.noneOf(DialectFamily.class);
    migrations.forEach(m -> families.addAll(m.up().keySet()));
    warnings(folder, migrations, families, withPlaceholders);
    return folder.result(format(), families, migrations);
  }

  /** The family a folder on the file's path (below the source, or the source itself) names; the nearest wins. */
  private static Optional<DialectFamily> family(MigrationFolder folder, Path file) {
    Path rel = folder.root().relativize(file.getParent() == null ? file : file.getParent());
    for (int i = rel.getNameCount() - 1; i >= 0; i--) {
      Optional<DialectFamily> f = MigrationFolder.familyOfFolder(rel.getName(i).toString());
      if (f.isPresent()) {
        return f;
      }
    }
    Path own = folder.root().toAbsolutePath().normalize().getFileName();
    return own == null ? Optional.empty() : MigrationFolder.familyOfFolder(own.toString());
  }

  private static void place(MigrationFolder folder, Path file, FlywayName name, DialectFamily family,
      Map<FlywayVersion, Slot> versioned, Map<String, Slot> repeatable) {
    Slot slot;
    if (name.kind() == FlywayName.Kind.REPEATABLE) {
      slot = repeatable.computeIfAbsent(name.description(), d -> new Slot());
    } else {
      FlywayVersion v;
      try {
        v = FlywayVersion.parse(name.version());
      } catch (IllegalArgumentException e) {
        folder.problem(file, 1, e.getMessage() + "; Flyway refuses this file name");
        return;
      }
      slot = versioned.computeIfAbsent(v, k -> new Slot());
      if (slot.version.isEmpty() && name.kind() == FlywayName.Kind.VERSIONED) {
        slot.version = v.text();
      }
    }
    Map<DialectFamily, Path> files = name.kind() == FlywayName.Kind.UNDO ? slot.undo : slot.up;
    Path seen = files.putIfAbsent(family, file);
    if (seen != null) {
      String what = name.kind() == FlywayName.Kind.REPEATABLE ? "repeatable description '" + name.description()
          + "'" : (name.kind() == FlywayName.Kind.UNDO ? "undo " : "") + "version " + name.version().replace('_',
          '.');
      folder.problem(file, 1, "the " + what + " is also " + folder.relative(seen) + " (" + family.key()
          + "): Flyway refuses two migrations with one " + (name.kind() == FlywayName.Kind.REPEATABLE
          ? "description" : "version") + "; rename or remove one");
    } else if (name.kind() != FlywayName.Kind.UNDO && slot.description.isEmpty()) {
      slot.description = name.description();
    }
  }

  private static Optional<Migration> migration(MigrationFolder folder, Slot slot, boolean repeatable,
      List<String> withPlaceholders) {
    for (Map.Entry<DialectFamily, Path> u : slot.undo.entrySet()) {
      if (!slot.up.containsKey(u.getKey())) {
        folder.notImported(u.getValue(), "an undo script without its versioned migration V" + slotVersion(u)
            + "__….sql" + (slot.up.isEmpty() ? "" : " for " + u.getKey().key()));
      }
    }
    if (slot.up.isEmpty()) {
      return Optional.empty();
    }
    Map<DialectFamily, String> up = new EnumMap<>(DialectFamily.class);
    Map<DialectFamily, String> down = new EnumMap<>(DialectFamily.class);
    Map<DialectFamily, Integer> checksums = new EnumMap<>(DialectFamily.class);
    List<String> notes = new ArrayList<>();
    Set<String> placeholders = new TreeSet<>();
    for (Map.Entry<DialectFamily, Path> e : slot.up.entrySet()) {
      DialectFamily family = e.getKey();
      Optional<MigrationFolder.Source> src = folder.read(e.getValue());
      if (src.isEmpty()) {
        continue;
      }
      up.put(family, src.get().text());
      checksums.put(family, checksum(src.get().text()));
      placeholders.addAll(MigrationFolder.placeholders(src.get().text()));
      scriptConfig(folder, e.getValue(), src.get().text(), notes);
      Path undo = slot.undo.get(family);
      Optional<MigrationFolder.Source> undoSrc = undo == null ? Optional.empty() : folder.read(undo);
      if (undoSrc.isPresent()) {
        String text = undoSrc.get().text();
        placeholders.addAll(MigrationFolder.placeholders(text));
        if (isBlank(text, family)) {
          notes.add(folder.relative(undo) + " holds no statement: the migration has no down");
        } else {
          down.put(family, text);
        }
      }
    }
    if (up.size() < slot.up.size()) {
      return Optional.empty();
    }
    String files = slot.up.values().stream().map(folder::relative).collect(Collectors.joining(", "));
    if (!placeholders.isEmpty()) {
      notes.add(placeholderNote(placeholders, repeatable));
      withPlaceholders.add(files);
    }
    if (repeatable) {
      notes.add("Flyway runs a repeatable again whenever its checksum changes; the history runs it once, after the "
          + "versioned migrations");
    }
    return Optional.of(new Migration(repeatable ? "R" : slot.version, slot.description, files, 1, "",
        checksumText(checksums), repeatable, up, down, Map.of(), notes));
  }

  private static String slotVersion(Map.Entry<DialectFamily, Path> undo) {
    return FlywayName.of(undo.getValue().getFileName().toString()).version();
  }

  static boolean isBlank(String sql, DialectFamily family) {
    return sql.isBlank() || SqlSplitter.isBlankOrComment(sql, family);
  }

  /**
   * The checksum Flyway stores for an SQL migration: CRC32 over the file's lines as Flyway reads them (byte order
   * mark dropped, each line without its line break, UTF-8), as a signed int. {@code text} is the file's text
   * without its byte order mark.
   */
  static int checksum(String text) {
    CRC32 crc = new CRC32();
    StringBuilder lines = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r') {
        lines.append(c);
      }
    }
    crc.update(lines.toString().getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  /**
   * {@code crc32:<n>}; a migration merged from two dialect folders whose files differ keeps both, each under its
   * family: {@code postgresql:crc32:<n> mysql:crc32:<m>} (each database's table holds its own file's checksum).
   */
  private static String checksumText(Map<DialectFamily, Integer> checksums) {
    if (checksums.values().stream().distinct().count() <= 1) {
      return "crc32:" + checksums.values().iterator().next();
    }
    return checksums.entrySet().stream().map(e -> e.getKey().key() + ":crc32:" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private static String placeholderNote(Set<String> placeholders, boolean repeatable) {
    String list = String.join(", ", placeholders);
    StringBuilder b = new StringBuilder("uses Flyway placeholder(s) " + list + ", left as written: Flyway fills them "
        + "in at migrate time, Backstep does not; replace each with its value before validate");
    if (placeholders.contains("${schema}") || placeholders.contains("${batch_size}")) {
      b.append(" (${schema} and ${batch_size} are also Backstep placeholders, filled in with Backstep's own "
          + "meaning)");
    }
    if (repeatable) {
      b.append("; Flyway's checksum of a repeatable is taken after its placeholders are filled in, the one here "
          + "is of the file as written");
    }
    return b.toString();
  }

  /** Notes Flyway script config: a {@code .sql.conf} beside the file, or {@code -- flyway:key=value} lines. */
  private static void scriptConfig(MigrationFolder folder, Path file, String text, List<String> notes) {
    Map<String, String> config = new LinkedHashMap<>();
    Path conf = file.resolveSibling(file.getFileName() + ".conf");
    String where = folder.relative(conf);
    if (Files.isRegularFile(conf)) {
      folder.read(conf).ifPresent(c -> c.text().lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
          .forEach(l -> config.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip())));
    } else {
      Matcher m = SCRIPT_CONFIG_LINE.matcher(text);
      while (m.find()) {
        config.put(m.group(1), m.group(2));
        where = "-- flyway: comments";
      }
    }
    if (config.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("Flyway script config (" + where + "): " + config.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + "; Backstep does not read it");
    if ("false".equalsIgnoreCase(config.get("executeInTransaction"))) {
      b.append(". On PostgreSQL a step whose SQL cannot run in a transaction (CONCURRENTLY, VACUUM…) runs statement "
          + "by statement by itself; add transactional: false to the step to force it");
    }
    if (config.containsKey("shouldExecute")) {
      b.append(". shouldExecute is not evaluated: the playbook always runs");
    }
    if (config.containsKey("encoding")) {
      b.append(". The file was read as UTF-8");
    }
    notes.add(b.toString());
  }

  private static void warnings(MigrationFolder folder, List<Migration> migrations, Set<DialectFamily> families,
      List<String> withPlaceholders) {
    if (!withPlaceholders.isEmpty()) {
      folder.warn(withPlaceholders.size() + " migration(s) use Flyway ${…} placeholders, left as written (validate "
          + "refuses them until each is replaced with its value): " + String.join(", ", withPlaceholders));
    }
    if (families.size() > 1) {
      for (Migration m : migrations) {
        if (m.up().size() < families.size()) {
          folder.warn(m.file() + ": only for " + m.up().keySet().iterator().next().key() + "; no file with "
              + (m.repeatable() ? "this description" : "version " + m.version()) + " in a folder of the other family");
        }
      }
    }
  }
}
