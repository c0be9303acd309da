package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One read of a folder of SQL migration files (Flyway's, golang-migrate's): its files, their text as the tools read
 * it (UTF-8, a byte order mark dropped), and what the importer found on the way — problems that stop the import,
 * files it leaves out, warnings. Reads only.
 */
final class MigrationFolder {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]*)}");
  /** Folder names that say nothing about a project, skipped when naming the history after its folder. */
  private static final Set<String> GENERIC = Set.of("migration", "migrations", "db", "sql", "resources", "main",
      "src", "schema", "postgresql", "postgres", "pg", "mysql", "mariadb", "up", "versioned");

  /** A file's bytes and its text: UTF-8, without a leading byte order mark. */
  record Source(byte[] bytes, String text) {}

  private final Path root;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> notImported = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private MigrationFolder(Path root) {
    this.root = root;
  }

  /** Opens {@code root}, which must be a folder ({@code what} names the tool, for the message). */
  static MigrationFolder open(Path root, String what) throws InvalidFileException {
    if (!Files.isDirectory(root)) {
      throw new InvalidFileException(root, List.of(new Problem(root, 1, 1, "", "not a folder: give the folder that "
          + "holds the " + what + " migrations")));
    }
    return new MigrationFolder(root);
  }

  Path root() {
    return root;
  }

  /**
   * The folder's regular files in path order, without hidden files and folders (a name starting with a dot);
   * {@code recursive} descends into subfolders.
   */
  List<Path> files(boolean recursive) throws InvalidFileException {
    try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
      return s.filter(Files::isRegularFile).filter(p -> !hidden(root.relativize(p)))
          .sorted((a, b) -> relative(a).compareTo(relative(b))).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidFileException(root, List.of(new Problem(root, 1, 1, "", "cannot list: " + e.getMessage())));
    }
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code file} relative to the folder, with forward slashes: how messages and playbooks name it. */
  String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * The file's bytes and text, or empty after recording a problem (unreadable, or not UTF-8, with the line of the
   * first bad byte).
   */
  Optional<Source> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problem(file, 1, "cannot read: " + e.getMessage());
      return Optional.empty();
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      problem(file, line, "not UTF-8 text (a byte that is not UTF-8 on this line); save the file as UTF-8, as "
          + "the migration tools read it by default");
      return Optional.empty();
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return Optional.of(new Source(bytes, text.startsWith("\uFEFF") ? text.substring(1) : text));
  }

  void problem(Path file, int line, String message) {
    problems.add(new Problem(file, line, 1, "", message));
  }

  /** Leaves a file out of the history, saying why: {@code relative/path: reason}. */
  void notImported(Path file, String why) {
    notImported.add(relative(file) + ": " + why);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  /** Stops the import with every problem found, if there is one. */
  void failOnProblems() throws InvalidFileException {
    if (!problems.isEmpty()) {
      throw new InvalidFileException(root, problems);
    }
  }

  ImportResult result(String format, Set<DialectFamily> dialects, List<Migration> migrations) {
    return new ImportResult(format, root, name(), dialects, migrations, notImported, warnings);
  }

  /** A name for the history: the folder's, or that of the nearest folder above it that is not a generic one. */
  String name() {
    Path abs = root.toAbsolutePath().normalize();
    for (Path p = abs; p != null && p.getFileName() != null; p = p.getParent()) {
      if (!GENERIC.contains(p.getFileName().toString().toLowerCase(Locale.ROOT))) {
        return p.getFileName().toString();
      }
    }
    return abs.getFileName() == null ? "history" : abs.getFileName().toString();
  }

  /** The SQL family a folder name stands for: postgresql, postgres, pg, mysql or mariadb (any case). */
  static Optional<DialectFamily> familyOfFolder(String name) {
    return name.equalsIgnoreCase("pg") ? Optional.of(DialectFamily.POSTGRESQL) : DialectFamily.fromKey(name);
  }

  /** The {@code ${…}} placeholders in {@code text}, each once, in order of name. */
  static Set<String> placeholders(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add("${" + m.group(1) + "}");
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
