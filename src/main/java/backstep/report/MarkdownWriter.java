package backstep.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown; table cells and inline text are escaped. */
final class MarkdownWriter {
  private MarkdownWriter() {}

  static String write(Doc doc) {
    StringBuilder b = new StringBuilder("# ").append(inline(doc.title())).append("\n");
    for (Doc.Block block : doc.blocks()) {
      b.append('\n');
      if (block instanceof Doc.Heading h) {
        b.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append('\n');
      } else if (block instanceof Doc.Para p) {
        b.append(inline(p.text())).append('\n');
      } else if (block instanceof Doc.Fields f) {
        f.pairs().forEach(kv -> b.append("- **").append(inline(kv[0])).append(":** ").append(inline(kv[1]))
            .append('\n'));
      } else if (block instanceof Doc.Bullets l) {
        l.items().forEach(i -> b.append("- ").append(inline(i)).append('\n'));
      } else if (block instanceof Doc.Table t) {
        table(b, t);
      }
    }
    return b.toString();
  }

  private static void table(StringBuilder b, Doc.Table t) {
    if (t.rows().isEmpty()) {
      b.append("_none_\n");
      return;
    }
    row(b, t.header());
    b.append("|").append("---|".repeat(t.header().size())).append('\n');
    t.rows().forEach(r -> row(b, r));
  }

  private static void row(StringBuilder b, List<String> cells) {
    b.append('|');
    cells.forEach(c -> b.append(' ').append(cell(c)).append(" |"));
    b.append('\n');
  }

  /** Text in a paragraph or list: Markdown's active characters are escaped, HTML tags neutralised. */
  static String inline(String s) {
    if (s == null) {
      return "–";
    }
    return s.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*")
        .replaceAll("(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", "\\\\_")
        .replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r", "").replace("\n", " ");
  }

  static String cell(String s) {
    return s == null || s.isEmpty() ? "" : inline(s).replace("|", "\\|");
  }
}
