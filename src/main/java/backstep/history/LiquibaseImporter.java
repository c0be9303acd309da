package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import backstep.playbook.YamlObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a Liquibase project: a changelog file, or a folder holding {@code db.changelog-master.*} or
 * {@code changelog.*}. Formatted SQL, XML and YAML (or JSON) changelogs are followed through {@code include} and
 * {@code includeAll} in Liquibase's order; each changeset of {@code sql} / {@code sqlFile} changes becomes one
 * migration ({@link LiquibaseMigrations}), versioned {@code author:id}. Reads files only.
 */
public final class LiquibaseImporter implements Importer {
  private static final List<String> MASTER_NAMES = List.of("db.changelog-master", "changelog");
  private static final List<String> EXTENSIONS = List.of("xml", "yaml", "yml", "json", "sql");

  @Override
  public String format() {
    return "liquibase";
  }

  @Override
  public ImportResult read(Path source, Optional<DialectFamily> dialect) throws InvalidFileException {
    Path master = master(source);
    Walk walk = new Walk(master);
    walk.changelog(master, new ArrayDeque<>());
    walk.throwIfProblems(master);
    Path folder = master.toAbsolutePath().normalize().getParent();
    String name = folder.getFileName() == null ? "liquibase" : folder.getFileName().toString();
    return new LiquibaseMigrations(walk.found, walk.properties, dialect, walk.notImported).result(source, name,
        master);
  }

  /** The changelog {@code source} names: itself, or the master changelog in a folder. */
  static Path master(Path source) throws InvalidFileException {
    if (!Files.isDirectory(source)) {
      return source;
    }
    for (String name : MASTER_NAMES) {
      for (String ext : EXTENSIONS) {
        Path p = source.resolve(name + "." + ext);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    throw new InvalidFileException(source, List.of(new Problem(source, 1, 1, "", "no Liquibase changelog here: "
        + "expected db.changelog-master.xml (or .yaml, .yml, .json, .sql) or changelog.xml (or .yaml…); name the "
        + "changelog file instead")));
  }

  /** Follows the changelogs from the master, collecting changesets, properties and problems. */
  private static final class Walk {
    private final Path root;
    private final Path shownRoot;
    final List<LiquibaseChangeSet> found = new ArrayList<>();
    final List<LiquibaseChangelog.Property> properties = new ArrayList<>();
    final List<String> notImported = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    Walk(Path master) {
      this.root = master.toAbsolutePath().normalize().getParent();
      this.shownRoot = master.getParent() == null ? Path.of("") : master.getParent();
    }

    /** A path as the user would name it: under the folder they named. */
    Path shown(Path abs) {
      return shownRoot.resolve(root.relativize(abs));
    }

    String relative(Path abs) {
      return root.relativize(abs).toString().replace('\\', '/');
    }

    void throwIfProblems(Path master) throws InvalidFileException {
      if (!problems.isEmpty()) {
        throw new InvalidFileException(master, problems);
      }
    }

    void changelog(Path file, Deque<Path> stack) {
      Path abs = file.toAbsolutePath().normalize();
      YamlObject.Problems ps = new YamlObject.Problems(shown(abs));
      String text;
      try {
        text = Files.readString(abs, StandardCharsets.UTF_8);
      } catch (IOException | UncheckedIOException e) {
        problems.add(new Problem(shown(abs), 1, 1, "", "cannot read: " + e.getMessage()));
        return;
      }
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String rel = relative(abs);
      LiquibaseSources src = new LiquibaseSources(rel, ps, (path, relative, line) -> sqlFile(abs, path, relative,
          line, ps));
      List<LiquibaseChangelog.Entry> entries;
      switch (extension(abs)) {
        case "sql" -> {
          if (!FormattedSqlChangelog.isFormatted(text)) {
            notImported.add(rel + ":1: not a formatted SQL changelog (its first line is not '--liquibase formatted "
                + "sql'); Liquibase runs such a file whole as one raw changeset; not imported");
            return;
          }
          entries = FormattedSqlChangelog.read(text, rel, ps);
        }
        case "xml" -> entries = XmlChangelog.read(text, src);
        case "yaml", "yml", "json" -> entries = YamlChangelog.read(text, src);
        default -> {
          problems.add(new Problem(shown(abs), 1, 1, "", "not a changelog Liquibase reads (use .xml, .yaml, "
              + ".yml, .json or a formatted .sql)"));
          return;
        }
      }
      problems.addAll(ps.list());
      stack.push(abs);
      for (LiquibaseChangelog.Entry e : entries) {
        if (e instanceof LiquibaseChangelog.ChangeSetEntry c) {
          found.add(c.changeSet());
        } else if (e instanceof LiquibaseChangelog.Property p) {
          properties.add(p);
        } else if (e instanceof LiquibaseChangelog.Include i) {
          include(abs, i, stack);
        }
      }
      stack.pop();
    }

    private void include(Path from, LiquibaseChangelog.Include inc, Deque<Path> stack) {
      Path target = resolve(from, inc.path(), inc.relative());
      String what = inc.all() ? "includeAll path " : "include file ";
      if (inc.all()) {
        if (!Files.isDirectory(target)) {
          problem(from, inc.line(), what + inc.path() + ": no such folder (" + where(inc.relative()) + ")");
          return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(target)) {
          files = s.filter(Files::isRegularFile).filter(p -> EXTENSIONS.contains(extension(p)))
              .sorted((a, b) -> relative(a.toAbsolutePath().normalize()).compareTo(relative(
                  b.toAbsolutePath().normalize()))).toList();
        } catch (IOException | UncheckedIOException e) {
          problem(from, inc.line(), what + inc.path() + ": cannot list: " + e.getMessage());
          return;
        }
        if (files.isEmpty()) {
          problem(from, inc.line(), what + inc.path() + ": holds no changelog");
        }
        files.forEach(f -> follow(from, inc, f, stack));
        return;
      }
      if (!Files.isRegularFile(target)) {
        problem(from, inc.line(), what + inc.path() + ": no such file (" + where(inc.relative()) + ")");
        return;
      }
      follow(from, inc, target, stack);
    }

    private void follow(Path from, LiquibaseChangelog.Include inc, Path target, Deque<Path> stack) {
      Path abs = target.toAbsolutePath().normalize();
      if (stack.contains(abs)) {
        problem(from, inc.line(), "includes " + relative(abs) + ", which includes this changelog again (a cycle)");
        return;
      }
      changelog(abs, stack);
    }

    private String where(boolean relative) {
      return relative ? "relative to this changelog" : "relative to the project folder " + shownRoot;
    }

    private Path resolve(Path from, String path, boolean relative) {
      String p = path.startsWith("classpath:") ? path.substring("classpath:".length()) : path;
      Path base = relative ? from.getParent() : root;
      return base.resolve(p.startsWith("/") && !relative ? p.substring(1) : p).normalize();
    }

    private Optional<String> sqlFile(Path from, String path, boolean relative, int line, YamlObject.Problems ps) {
      Path target = resolve(from, path, relative);
      try {
        String text = Files.readString(target, StandardCharsets.UTF_8);
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
      } catch (IOException | UncheckedIOException e) {
        ps.add(line, 1, "", "sqlFile " + path + ": cannot read " + (Files.exists(target) ? "it" : "it: no such "
            + "file") + " (" + where(relative) + ")");
        return Optional.empty();
      }
    }

    private void problem(Path from, int line, String message) {
      problems.add(new Problem(shown(from), line, 1, "", message));
    }
  }

  static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
