package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration written as one file with an up and a down section: dbmate's {@code -- migrate:up} /
 * {@code -- migrate:down}, or goose's {@code -- +goose Up} / {@code -- +goose Down}. Goose's
 * {@code StatementBegin}/{@code StatementEnd} blocks are sent by goose as one statement; for MySQL/MariaDB each
 * becomes a {@code DELIMITER} block, so Backstep's splitter sends exactly that statement too.
 *
 * @param up the up section's SQL
 * @param down the down section's SQL; empty when the file has no down section
 * @param notes what Backstep does not act on: transaction options, goose's env substitution, statement blocks
 */
record SectionedSqlFile(String up, Optional<String> down, List<String> notes) {
  private static final Pattern DBMATE = Pattern.compile("--\\s*migrate:(up|down)(.*)");
  private static final Pattern GOOSE = Pattern.compile("--\\s*\\+goose\\b.*");
  private static final Pattern ROUTINE = Pattern.compile("(?is)CREATE\\s+(OR\\s+REPLACE\\s+)?"
      + "(DEFINER\\s*=\\s*\\S+\\s+)?(AGGREGATE\\s+)?(PROCEDURE|FUNCTION|TRIGGER|EVENT)\\b.*");
  private static final List<String> DELIMITERS = List.of("//", "$$", ";;", "@@");

  /** Whether {@code text} is a dbmate migration (a line starting {@code -- migrate:up} or {@code -- migrate:down}). */
  static boolean isDbmate(String text) {
    return text.lines().anyMatch(l -> DBMATE.matcher(l.stripTrailing()).matches());
  }

  /** Whether {@code text} is a goose SQL migration (a line starting {@code -- +goose}). */
  static boolean isGoose(String text) {
    return text.lines().anyMatch(l -> GOOSE.matcher(l.stripTrailing()).matches());
  }

  /** Reads a dbmate file; problems (with their line) go to {@code folder}, and then the result is empty. */
  static Optional<SectionedSqlFile> dbmate(MigrationFolder folder, Path file, String text, DialectFamily family) {
    String[] lines = text.split("\r?\n|\r", -1);
    int up = -1;
    int down = -1;
    List<String> notes = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = DBMATE.matcher(lines[i].stripTrailing());
      if (!m.matches()) {
        continue;
      }
      boolean isUp = m.group(1).equals("up");
      if ((isUp ? up : down) >= 0) {
        folder.problem(file, i + 1, "a second '-- migrate:" + m.group(1) + "' line (the first is line "
            + ((isUp ? up : down) + 1) + "); dbmate reads one of each");
        ok = false;
      } else if (isUp) {
        up = i;
      } else {
        down = i;
      }
      if (m.group(2).contains("transaction:false")) {
        notes.add("dbmate runs the " + m.group(1) + " section outside a transaction (transaction:false); "
            + noTransaction());
      }
    }
    if (up < 0) {
      folder.problem(file, 1, "no '-- migrate:up' line: dbmate needs one before the up SQL");
      return Optional.empty();
    }
    if (down >= 0 && down < up) {
      folder.problem(file, down + 1, "'-- migrate:down' comes before '-- migrate:up' (line " + (up + 1)
          + "); dbmate needs the up section first");
      ok = false;
    }
    String before = join(lines, 0, up);
    if (!FlywayImporter.isBlank(before, family)) {
      folder.problem(file, firstStatementLine(before, family), "SQL before '-- migrate:up': dbmate runs only what "
          + "is in the up and down sections");
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    String upText = join(lines, up + 1, down < 0 ? lines.length : down);
    return Optional.of(new SectionedSqlFile(upText, down < 0 ? Optional.empty()
        : Optional.of(join(lines, down + 1, lines.length)), notes));
  }

  /** Reads a goose SQL file, as goose's own parser does; problems go to {@code folder}. */
  static Optional<SectionedSqlFile> goose(MigrationFolder folder, Path file, String text, DialectFamily family) {
    return new GooseReader(folder, file, family).read(text.split("\r?\n|\r", -1));
  }

  private static String noTransaction() {
    return "on PostgreSQL Backstep runs a step statement by statement when its SQL cannot run in a transaction "
        + "(CONCURRENTLY, VACUUM…), or always with transactional: false on the step";
  }

  private static String join(String[] lines, int from, int to) {
    return from >= to ? "" : String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
  }

  private static int firstStatementLine(String text, DialectFamily family) {
    try {
      return SqlSplitter.split(text, family).get(0).line();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return 1;
    }
  }

  /** Goose's state machine: Up, then Down; statement blocks inside either; annotations case-sensitive. */
  private static final class GooseReader {
    private final MigrationFolder folder;
    private final Path file;
    private final DialectFamily family;
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder up = new StringBuilder();
    private final StringBuilder down = new StringBuilder();
    private StringBuilder out;
    private List<String> block;
    private int blockLine;
    private boolean ok = true;

    GooseReader(MigrationFolder folder, Path file, DialectFamily family) {
      this.folder = folder;
      this.file = file;
      this.family = family;
    }

    Optional<SectionedSqlFile> read(String[] lines) {
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.startsWith("--") && line.substring(2).strip().startsWith("+goose")) {
          annotation(line.substring(2).strip(), i + 1);
        } else if (block != null) {
          block.add(line);
        } else if (out != null) {
          out.append(line).append('\n');
        } else if (!line.isBlank() && !line.strip().startsWith("--")) {
          problem(i + 1, "SQL before '-- +goose Up': goose needs the annotation first");
        }
      }
      if (block != null) {
        problem(blockLine, "'-- +goose StatementBegin' without its '-- +goose StatementEnd'");
      }
      if (out == null) {
        problem(1, "no '-- +goose Up' line: goose needs one before the up SQL");
      }
      if (!ok) {
        return Optional.empty();
      }
      return Optional.of(new SectionedSqlFile(up.toString(), out == down ? Optional.of(down.toString())
          : Optional.empty(), notes));
    }

    private void annotation(String cmd, int line) {
      switch (cmd) {
        case "+goose Up" -> {
          if (out != null) {
            problem(line, "a second '-- +goose Up'");
          }
          out = up;
        }
        case "+goose Down" -> {
          if (out != up || block != null) {
            problem(line, "'-- +goose Down' must follow '-- +goose Up' (and not sit inside a statement block)");
          }
          out = down;
        }
        case "+goose StatementBegin" -> {
          if (out == null || block != null) {
            problem(line, "'-- +goose StatementBegin' must follow '-- +goose Up' or '-- +goose Down', outside "
                + "another block");
          }
          block = new ArrayList<>();
          blockLine = line;
        }
        case "+goose StatementEnd" -> {
          if (block == null) {
            problem(line, "'-- +goose StatementEnd' without a '-- +goose StatementBegin' before it");
          } else if (out != null) {
            statementBlock();
          }
          block = null;
        }
        case "+goose NO TRANSACTION" -> notes.add("goose runs it outside a transaction (NO TRANSACTION); "
            + noTransaction());
        case "+goose ENVSUB ON" -> notes.add("goose fills in ${VAR} environment variables here (ENVSUB ON); "
            + "Backstep does not: replace each with its value before validate");
        case "+goose ENVSUB OFF" -> { }
        default -> problem(line, "'-- " + cmd + "' is not a goose annotation (Up, Down, StatementBegin, "
            + "StatementEnd, NO TRANSACTION, ENVSUB ON/OFF; goose is case-sensitive)");
      }
    }

    /**
     * One goose statement block: goose sends its text up to the last {@code ;} as one statement. On MySQL it is
     * wrapped in {@code DELIMITER} lines when it is one statement (a routine, trigger or event among them);
     * several ordinary statements stay as they are, and Backstep runs them one by one.
     */
    private void statementBlock() {
      int end = block.size();
      while (end > 0 && (block.get(end - 1).isBlank() || block.get(end - 1).strip().startsWith("--"))) {
        end--;
      }
      String body = String.join("\n", block.subList(0, end));
      String after = String.join("\n", block.subList(end, block.size()));
      List<SqlSplitter.Statement> split;
      try {
        split = SqlSplitter.split(body, family);
      } catch (IllegalArgumentException e) {
        problem(blockLine + 1, e.getMessage());
        return;
      }
      boolean one = split.size() == 1 || (!split.isEmpty() && ROUTINE.matcher(split.get(0).sql()).matches());
      out.append("-- +goose StatementBegin\n");
      if (family == DialectFamily.MYSQL && one) {
        String d = DELIMITERS.stream().filter(x -> !body.contains(x)).findFirst().orElse("$$$");
        out.append("DELIMITER ").append(d).append('\n').append(body).append('\n').append(d).append('\n')
            .append("DELIMITER ;\n");
      } else {
        out.append(body).append('\n');
        if (split.size() > 1) {
          notes.add("the goose statement block at line " + blockLine + " holds " + split.size() + " statements: "
              + "goose sends them in one call, Backstep runs them one by one");
        }
      }
      if (!after.isBlank()) {
        out.append(after).append('\n');
      }
      out.append("-- +goose StatementEnd\n");
    }

    private void problem(int line, String message) {
      folder.problem(file, line, message);
      ok = false;
    }
  }
}
