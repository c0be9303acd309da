package backstep.history;

import backstep.history.LiquibaseChangeSet.Rollback;
import backstep.history.LiquibaseChangeSet.RollbackKind;
import backstep.playbook.YamlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Liquibase formatted SQL changelog ({@code --liquibase formatted sql}): its {@code --changeset author:id}
 * blocks with their attributes, {@code --comment}, {@code --rollback} lines and
 * {@code /* liquibase rollback *}{@code /} blocks, {@code --preconditions} (kept as notes), {@code --property}
 * and {@code --ignoreLines}. Every line that is none of these is SQL of the changeset it follows, comments included,
 * as Liquibase reads it. Liquibase Pro's {@code --include file:} and {@code --includeAll path:} lines are read too
 * (Liquibase's open-source edition ignores them).
 */
final class FormattedSqlChangelog {
  private static final int CI = Pattern.CASE_INSENSITIVE;
  static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s*formatted.*", CI);
  private static final Pattern CHANGESET = Pattern.compile(
      "\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+)(.*)", CI);
  private static final Pattern CHANGESET_LOOSE = Pattern.compile("(\\s*--\\s*changeset\\b.*|-\\s*changeset\\s.*)", CI);
  private static final Pattern ONE_DASH = Pattern.compile(
      "\\s*-\\s*(rollback|comments?|preconditions?|validCheckSum)\\b.*", CI);
  private static final Pattern COMMENT = Pattern.compile("--\\s*comment:? (.*)", CI);
  private static final Pattern COMMENTS = Pattern.compile("--\\s*comments:? (.*)", CI);
  private static final Pattern VALID_CHECKSUM = Pattern.compile("--\\s*validCheckSum:? (.*)", CI);
  private static final Pattern ROLLBACK = Pattern.compile("\\s*--\\s*rollback (.*)", CI);
  private static final Pattern ROLLBACK_START = Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*", CI);
  private static final Pattern ROLLBACK_END = Pattern.compile("(.*)\\*/\\s*");
  private static final Pattern PRECONDITIONS = Pattern.compile("\\s*--\\s*preconditions(.*)", CI);
  private static final Pattern PRECONDITION = Pattern.compile("\\s*--\\s*precondition-([a-zA-Z0-9-]+)(.*)", CI);
  private static final Pattern IGNORE_LINES = Pattern.compile("--\\s*ignoreLines:(\\w+).*", CI);
  private static final Pattern PROPERTY = Pattern.compile("\\s*--\\s*property\\s+.*", CI);
  private static final Pattern INCLUDE = Pattern.compile("\\s*--\\s*include(All)?\\s+(file|path):(\\S+)(.*)", CI);
  private static final Pattern CHANGESET_REF = Pattern.compile("(?i).*changesetId:(\\S+).*");
  private static final Pattern AUTHOR_REF = Pattern.compile("(?i).*changesetAuthor:(\\S+).*");

  private final String file;
  private final YamlObject.Problems problems;
  private final List<LiquibaseChangelog.Entry> entries = new ArrayList<>();
  private Open open;

  /** The changeset being read. */
  private static final class Open {
    final String id;
    final String author;
    final int line;
    final String attributes;
    String comment = "";
    final StringBuilder sql = new StringBuilder();
    int sqlLine;
    final StringBuilder rollback = new StringBuilder();
    int rollbackLine;
    final List<String> notes = new ArrayList<>();

    Open(String id, String author, int line, String attributes) {
      this.id = id;
      this.author = author;
      this.line = line;
      this.attributes = attributes;
    }
  }

  private FormattedSqlChangelog(String file, YamlObject.Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Whether {@code text} starts (after blank lines) with the formatted SQL header. */
  static boolean isFormatted(String text) {
    return text.lines().filter(l -> !l.isBlank()).findFirst().map(l -> HEADER.matcher(l).matches()).orElse(false);
  }

  /**
   * Reads {@code text}; problems (file and line) go to {@code problems}.
   *
   * @param file the changelog's name relative to the project root, as migrations record it
   */
  static List<LiquibaseChangelog.Entry> read(String text, String file, YamlObject.Problems problems) {
    FormattedSqlChangelog r = new FormattedSqlChangelog(file, problems);
    r.run(text.lines().toList());
    return r.entries;
  }

  private void run(List<String> lines) {
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int n = i + 1;
      if (HEADER.matcher(line).matches()) {
        if (header) {
          problem(n, "a second '--liquibase formatted sql' header; a changelog has one, on its first line");
        }
        header = true;
        continue;
      }
      if (PROPERTY.matcher(line).matches()) {
        property(line, n);
        continue;
      }
      Matcher ignore = IGNORE_LINES.matcher(line);
      if (ignore.matches()) {
        i = ignoreLines(lines, i, ignore.group(1));
        continue;
      }
      Matcher cs = CHANGESET.matcher(line);
      if (cs.matches()) {
        close();
        String author = unquote(cs.group(1).strip());
        String id = unquote(cs.group(2));
        if (id.replace(":", "").isBlank() || author.isBlank()) {
          problem(n, "a changeset needs an author and an id: --changeset <author>:<id>");
        }
        open = new Open(id, author, n, cs.group(3));
        continue;
      }
      if (CHANGESET_LOOSE.matcher(line).matches()) {
        problem(n, "malformed changeset line; write --changeset <author>:<id> [attributes]");
        continue;
      }
      Matcher inc = INCLUDE.matcher(line);
      if (open == null && inc.matches()) {
        boolean relative = LiquibaseChangelog.isTrue(attribute(inc.group(4), "relativeToChangelogFile", "\\w+"));
        entries.add(new LiquibaseChangelog.Include(inc.group(3), relative, inc.group(1) != null, n));
        continue;
      }
      if (open == null) {
        if (COMMENT.matcher(line).matches()) {
          problem(n, "a --comment line outside a changeset; put it under its --changeset line");
        }
        continue;
      }
      i = body(lines, i);
    }
    close();
  }

  /** One line inside a changeset; returns the index of the last line it used. */
  private int body(List<String> lines, int i) {
    String line = lines.get(i);
    int n = i + 1;
    Matcher m;
    if ((m = COMMENT.matcher(line)).matches()) {
      open.comment = m.group(1).strip();
    } else if (COMMENTS.matcher(line).matches()) {
      problem(n, "write --comment <text> (not --comments)");
    } else if ((m = VALID_CHECKSUM.matcher(line)).matches()) {
      open.notes.add("validCheckSum " + m.group(1).strip() + ": Liquibase also accepts that checksum");
    } else if ((m = ROLLBACK.matcher(line)).matches()) {
      rollbackLine(n);
      open.rollback.append(m.group(1)).append('\n');
    } else if (ROLLBACK_START.matcher(line).matches()) {
      rollbackLine(n);
      int j = i + 1;
      for (; j < lines.size(); j++) {
        Matcher end = ROLLBACK_END.matcher(lines.get(j));
        if (end.matches()) {
          open.rollback.append(end.group(1)).append('\n');
          return j;
        }
        open.rollback.append(lines.get(j)).append('\n');
      }
      problem(n, "the /* liquibase rollback block is not closed with */");
      return lines.size();
    } else if ((m = PRECONDITIONS.matcher(line)).matches()) {
      open.notes.add("preconditions" + m.group(1).stripTrailing() + ": not enforced by Backstep");
    } else if ((m = PRECONDITION.matcher(line)).matches()) {
      open.notes.add("precondition-" + m.group(1) + m.group(2).stripTrailing() + ": not checked by Backstep");
    } else if ((m = ONE_DASH.matcher(line)).matches() && !line.strip().startsWith("--")) {
      problem(n, "write --" + m.group(1) + " with two dashes");
    } else {
      if (open.sqlLine == 0 && !line.isBlank()) {
        open.sqlLine = n;
      }
      open.sql.append(line).append('\n');
    }
    return i;
  }

  private void rollbackLine(int n) {
    if (open.rollbackLine == 0) {
      open.rollbackLine = n;
    }
  }

  private int ignoreLines(List<String> lines, int i, String arg) {
    if (arg.equalsIgnoreCase("start")) {
      for (int j = i + 1; j < lines.size(); j++) {
        Matcher end = IGNORE_LINES.matcher(lines.get(j));
        if (end.matches() && end.group(1).equalsIgnoreCase("end")) {
          return j;
        }
      }
      problem(i + 1, "--ignoreLines:start has no --ignoreLines:end");
      return lines.size();
    }
    try {
      return Math.min(lines.size(), i + Integer.parseInt(arg));
    } catch (NumberFormatException e) {
      problem(i + 1, "--ignoreLines takes a number of lines, or start … end");
      return i;
    }
  }

  private void property(String line, int n) {
    String name = attribute(line, "name", "\\S+");
    String value = attribute(line, "value", "\\S+");
    if (name == null || value == null) {
      problem(n, "write --property name:<name> value:<value>");
      return;
    }
    entries.add(new LiquibaseChangelog.Property(name, value, attribute(line, "dbms", "[^,][\\w!,]+"), n));
  }

  private void close() {
    if (open == null) {
      return;
    }
    Open o = open;
    open = null;
    String sql = o.sql.toString().strip();
    if (sql.isEmpty()) {
      problem(o.line, "changeset " + o.author + ":" + o.id + " has no SQL");
    }
    String a = o.attributes;
    List<String> notes = new ArrayList<>(LiquibaseChangelog.attributeNotes(k -> attribute(a, k, k.startsWith(
        "context") || k.equals("labels") ? "\"[^\"]*\"|\\S*" : "\\w+")));
    notes.addAll(o.notes);
    LiquibaseChange.Options up = new LiquibaseChange.Options(!"false".equalsIgnoreCase(attribute(a,
        "splitStatements", "\\w+")), delimiter(a, "endDelimiter"), LiquibaseChangelog.isTrue(attribute(a,
        "stripComments", "\\w+")));
    LiquibaseChange.Options down = new LiquibaseChange.Options(!"false".equalsIgnoreCase(attribute(a,
        "rollbackSplitStatements", "\\w+")), delimiter(a, "rollbackEndDelimiter"), false);
    String dbms = attribute(a, "dbms", "[^,][\\w!,]+");
    List<LiquibaseChange> changes = sql.isEmpty() ? List.of()
        : List.of(new LiquibaseChange(sql, false, o.sqlLine, up, null));
    boolean ignored = "true".equalsIgnoreCase(attribute(a, "ignore", "\\w+"));
    entries.add(new LiquibaseChangelog.ChangeSetEntry(new LiquibaseChangeSet(o.id, o.author, file, o.line,
        o.comment, dbms, ignored, changes, List.of(), rollback(o, down), notes)));
  }

  private Rollback rollback(Open o, LiquibaseChange.Options options) {
    String text = o.rollback.toString().strip();
    if (text.isEmpty()) {
      return Rollback.ABSENT;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("not required") || lower.startsWith("empty")) {
      return new Rollback(RollbackKind.EMPTY, List.of(), text, o.rollbackLine);
    }
    if (lower.contains("changesetid")) {
      String flat = text.replace("\n", " ");
      Matcher id = CHANGESET_REF.matcher(flat);
      Matcher author = AUTHOR_REF.matcher(flat);
      if (!id.matches() || !author.matches()) {
        problem(o.rollbackLine, "a rollback that names a changeset needs changesetId:<id> and changesetAuthor:"
            + "<author>");
        return Rollback.ABSENT;
      }
      return new Rollback(RollbackKind.CHANGESET, List.of(), author.group(1) + ":" + id.group(1), o.rollbackLine);
    }
    return new Rollback(RollbackKind.SQL, List.of(new LiquibaseChange(text, false, o.rollbackLine, options, null)),
        "", o.rollbackLine);
  }

  private static String delimiter(String attributes, String name) {
    return attribute(attributes, "\\b" + name, "\\S*");
  }

  /** The value of {@code name:value} in a changeset line, as Liquibase matches it (the last one wins), or null. */
  static String attribute(String attributes, String name, String value) {
    Matcher m = Pattern.compile(".*" + name + ":(" + value + ").*", CI).matcher(attributes);
    return m.matches() ? unquote(m.group(1)) : null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private void problem(int line, String message) {
    problems.add(line, 1, "", message);
  }
}
