package backstep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as plain blocks — headings, paragraphs, fields, tables, lists — written once and rendered as
 * Markdown or HTML, so both formats always say the same thing. Text is kept raw; each writer escapes it.
 */
final class Doc {
  sealed interface Block permits Heading, Para, Fields, Table, Bullets {}

  record Heading(int level, String text) implements Block {}

  record Para(String text) implements Block {}

  /** Label/value pairs. */
  record Fields(List<String[]> pairs) implements Block {}

  record Table(List<String> header, List<List<String>> rows) implements Block {}

  record Bullets(List<String> items) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  Doc(String title) {
    this.title = title;
  }

  String title() {
    return title;
  }

  List<Block> blocks() {
    return blocks;
  }

  Doc h2(String text) {
    blocks.add(new Heading(2, text));
    return this;
  }

  Doc h3(String text) {
    blocks.add(new Heading(3, text));
    return this;
  }

  Doc p(String text) {
    if (text != null && !text.isBlank()) {
      blocks.add(new Para(text.strip()));
    }
    return this;
  }

  Doc fields(List<String[]> pairs) {
    List<String[]> kept = pairs.stream().filter(p -> p[1] != null && !p[1].isBlank()).toList();
    if (!kept.isEmpty()) {
      blocks.add(new Fields(kept));
    }
    return this;
  }

  Doc table(List<String> header, List<List<String>> rows) {
    blocks.add(new Table(header, rows));
    return this;
  }

  Doc bullets(List<String> items) {
    if (!items.isEmpty()) {
      blocks.add(new Bullets(items));
    }
    return this;
  }

  static String[] field(String label, String value) {
    return new String[] {label, value};
  }
}
