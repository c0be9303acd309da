package backstep.history;

import backstep.playbook.DialectFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an {@link ImportResult} as one playbook per migration plus the {@code history.yaml} that orders them. The
 * files are plain, reviewable YAML: SQL in block scalars, the source kept in {@code origin:}. Everything is
 * rendered in memory first, so a failure leaves nothing half-written.
 */
public final class HistoryWriter {
  /** The history file's name in an import's output folder. */
  public static final String HISTORY_FILE = "history.yaml";

  /** What was written: the history file and each playbook, in order. */
  public record Written(Path history, List<Path> playbooks) {}

  private HistoryWriter() {}

  /**
   * Writes into {@code dir} (created if missing). Refuses a folder that already holds files unless {@code replace}
   * is set; then only the files this import writes are replaced.
   */
  public static Written write(ImportResult r, Path dir, boolean replace, Instant at) throws IOException {
    if (Files.isDirectory(dir) && !replace) {
      try (var listing = Files.list(dir)) {
        if (listing.findAny().isPresent()) {
          throw new IOException(dir + " already holds files; choose an empty folder, or pass --force to replace "
              + "the playbooks and history.yaml an earlier import wrote there");
        }
      }
    }
    Map<String, String> files = new java.util.LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (Migration m : r.migrations()) {
      String id = uniqueId(m, ids);
      String name = id + ".yaml";
      files.put(name, playbook(r, m, id));
      order.add(name);
    }
    files.put(HISTORY_FILE, history(r, order, at));
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      if (!f.getKey().equals(HISTORY_FILE)) {
        written.add(p);
      }
    }
    return new Written(dir.resolve(HISTORY_FILE), written);
  }

  /** A playbook id from the migration's version and description: stable across re-imports, unique in the set. */
  static String uniqueId(Migration m, Set<String> taken) {
    String base = slug(m.version() + (m.description().isBlank() ? "" : "-" + m.description()));
    if (base.length() > 90) {
      base = base.substring(0, 90).replaceAll("[-_.]+$", "");
    }
    String id = base;
    for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  static String slug(String s) {
    String out = s.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("-{2,}", "-").replaceAll("^[-_.]+|[-_.]+$", "");
    return out.isEmpty() ? "migration" : out;
  }

  private static String playbook(ImportResult r, Migration m, String id) {
    StringBuilder b = new StringBuilder();
    b.append("# Imported by `backstep import ").append(r.format()).append("` from ").append(m.file());
    if (m.line() > 1) {
      b.append(':').append(m.line());
    }
    b.append(".\n");
    for (String note : m.notes()) {
      b.append("# NOTE: ").append(note.replace("\n", " ")).append('\n');
    }
    String title = (m.repeatable() ? "repeatable " : "") + m.version()
        + (m.description().isBlank() ? "" : ": " + m.description());
    b.append("id: ").append(quote(id)).append('\n');
    b.append("title: ").append(quote(title)).append('\n');
    b.append("intent: ").append(quote("Migration " + m.version() + " of " + r.name() + ", imported from "
        + formatName(r.format()) + " (" + m.file() + ")" + (m.description().isBlank() ? "" : ": "
        + m.description()))).append('\n');
    if (!m.author().isBlank()) {
      b.append("owners: [").append(quote(m.author())).append("]\n");
    }
    b.append("dialects: [").append(m.up().keySet().stream().sorted().map(DialectFamily::key)
        .collect(Collectors.joining(", "))).append("]\n");
    b.append("origin:\n");
    b.append("  format: ").append(r.format()).append('\n');
    b.append("  file: ").append(quote(m.file())).append('\n');
    b.append("  version: ").append(quote(m.version())).append('\n');
    if (!m.description().isBlank()) {
      b.append("  description: ").append(quote(m.description())).append('\n');
    }
    if (!m.author().isBlank()) {
      b.append("  author: ").append(quote(m.author())).append('\n');
    }
    b.append("  checksum: ").append(quote(m.checksum())).append('\n');
    if (m.repeatable()) {
      b.append("  repeatable: true\n");
    }
    b.append("steps:\n");
    b.append("  - id: migrate\n");
    b.append("    kind: sql\n");
    b.append("    title: ").append(quote(title)).append('\n');
    b.append("    forward:\n");
    sqlByFamily(b, m.up());
    if (m.missingDown()) {
      b.append("    # ").append(m.repeatable() ? "A repeatable migration has no undo in " + formatName(r.format())
          : "No down script in the source").append(": Backstep cannot roll this step back (lint BS017).\n");
      b.append("    rollback_mode: none\n");
    } else {
      b.append("    rollback:\n");
      sqlByFamily(b, m.down());
      b.append("    rollback_mode: script\n");
    }
    if (!m.verify().isEmpty()) {
      b.append("    verify:\n");
      for (Map.Entry<DialectFamily, List<String>> e : m.verify().entrySet()) {
        for (String q : e.getValue()) {
          b.append("      - description: ").append(quote("verify script of " + m.version())).append('\n');
          b.append("        sql:\n");
          b.append("          ").append(e.getKey().key()).append(": ").append(literal(q, 12));
          b.append("        expect: runs\n");
        }
      }
    }
    return b.toString();
  }

  private static void sqlByFamily(StringBuilder b, Map<DialectFamily, String> sql) {
    sql.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        b.append("      ").append(e.getKey().key()).append(": ").append(literal(e.getValue(), 8)));
  }

  private static String history(ImportResult r, List<String> order, Instant at) {
    StringBuilder b = new StringBuilder();
    b.append("# Written by `backstep import ").append(r.format()).append("`: the migrations below, in the order ")
        .append(formatName(r.format())).append(" applies them.\n");
    b.append("# `backstep apply`, `rollback` and `rehearse` take this file (or its folder) as one change set.\n");
    b.append("history: ").append(quote(slug(r.name()))).append('\n');
    b.append("title: ").append(quote(r.name() + " (" + formatName(r.format()) + " migrations)")).append('\n');
    b.append("dialects: [").append(r.dialects().stream().sorted().map(DialectFamily::key)
        .collect(Collectors.joining(", "))).append("]\n");
    b.append("imported:\n");
    b.append("  format: ").append(r.format()).append('\n');
    b.append("  source: ").append(quote(r.source().toString())).append('\n');
    b.append("  at: ").append(quote(at.toString())).append('\n');
    if (!r.notImported().isEmpty()) {
      b.append("not_imported:\n");
      r.notImported().forEach(n -> b.append("  - ").append(quote(n)).append('\n'));
    }
    if (!r.warnings().isEmpty()) {
      b.append("warnings:\n");
      r.warnings().forEach(n -> b.append("  - ").append(quote(n)).append('\n'));
    }
    b.append("migrations:\n");
    order.forEach(o -> b.append("  - ").append(quote(o)).append('\n'));
    return b.toString();
  }

  public static String formatName(String format) {
    return switch (format) {
      case "flyway" -> "Flyway";
      case "liquibase" -> "Liquibase";
      case "golang-migrate" -> "golang-migrate";
      case "sqitch" -> "Sqitch";
      default -> format;
    };
  }

  /** A YAML double-quoted scalar (JSON escapes are valid YAML). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A literal block scalar holding {@code text} exactly (line breaks kept, no trailing line break), indented by
   * {@code indent} spaces; ends with a line break.
   */
  static String literal(String text, int indent) {
    String body = text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    while (body.startsWith("\n")) {
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return "\"\"\n";
    }
    boolean needsQuoting = body.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
        || c == 0xFEFF);
    if (needsQuoting) {
      return quote(body) + "\n";
    }
    // content sits two spaces deeper than its key, so an indentation indicator (needed when the text itself
    // starts with blanks) is always 2
    String pad = " ".repeat(indent);
    StringBuilder b = new StringBuilder(body.startsWith(" ") || body.startsWith("\t") ? "|2-\n" : "|-\n");
    for (String line : body.split("\n", -1)) {
      b.append(line.isEmpty() ? "" : pad + line).append('\n');
    }
    return b.toString();
  }
}
