package backstep.history;

import backstep.history.LiquibaseChangeSet.Other;
import backstep.history.LiquibaseChangeSet.Rollback;
import backstep.history.LiquibaseChangeSet.RollbackKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Liquibase XML changelog with the JDK's StAX parser, which keeps the order of mixed elements (an
 * {@code include} between two changesets) and the line of each. DTDs and external entities are refused.
 */
final class XmlChangelog {
  private final XMLStreamReader x;
  private final String text;
  private final LiquibaseSources src;
  private final List<LiquibaseChangelog.Entry> entries = new ArrayList<>();

  private XmlChangelog(XMLStreamReader x, String text, LiquibaseSources src) {
    this.x = x;
    this.text = text;
    this.src = src;
  }

  static List<LiquibaseChangelog.Entry> read(String text, LiquibaseSources src) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      XMLStreamReader x = f.createXMLStreamReader(new StringReader(text));
      XmlChangelog r = new XmlChangelog(x, text, src);
      r.document();
      return r.entries;
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNumber();
      int col = e.getLocation() == null ? 1 : e.getLocation().getColumnNumber();
      src.problem(line, col, "malformed XML: " + message(e));
      return List.of();
    }
  }

  private static String message(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf("Message: ");
    return (at >= 0 ? m.substring(at + "Message: ".length()) : m).strip();
  }

  private void document() throws XMLStreamException {
    x.nextTag();
    if (!x.getLocalName().equals("databaseChangeLog")) {
      src.problem(line(), 1, "expected a <databaseChangeLog> root element, found <" + x.getLocalName() + ">");
      return;
    }
    while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
      int line = line();
      switch (x.getLocalName()) {
        case "changeSet" -> changeSet(line);
        case "include" -> include(line, false);
        case "includeAll" -> include(line, true);
        case "property" -> {
          String name = attr("name");
          if (name != null && attr("value") != null) {
            entries.add(new LiquibaseChangelog.Property(name, attr("value"), attr("dbms"), line));
          }
          skip();
        }
        default -> skip();
      }
    }
  }

  private void include(int line, boolean all) throws XMLStreamException {
    String path = attr(all ? "path" : "file");
    if (path == null) {
      src.problem(line, 1, "<" + x.getLocalName() + "> needs a " + (all ? "path" : "file") + " attribute");
    } else {
      entries.add(new LiquibaseChangelog.Include(path, LiquibaseChangelog.isTrue(attr("relativeToChangelogFile")),
          all, line));
    }
    skip();
  }

  private void changeSet(int line) throws XMLStreamException {
    Map<String, String> a = attrs();
    String id = a.getOrDefault("id", "");
    String author = a.getOrDefault("author", "");
    if (id.isBlank() || author.isBlank()) {
      src.problem(line, 1, "<changeSet> needs an id and an author attribute");
    }
    String comment = "";
    List<String> notes = new ArrayList<>(LiquibaseChangelog.attributeNotes(a::get));
    List<LiquibaseChange> changes = new ArrayList<>();
    List<Other> other = new ArrayList<>();
    Rollback rollback = Rollback.ABSENT;
    while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
      int at = line();
      String name = x.getLocalName();
      switch (name) {
        case "comment" -> comment = x.getElementText().strip();
        case "preConditions" -> {
          notes.add("preConditions (line " + at + "): not enforced by Backstep");
          skip();
        }
        case "validCheckSum" -> notes.add("validCheckSum " + x.getElementText().strip()
            + ": Liquibase also accepts that checksum");
        case "modifySql" -> {
          notes.add("modifySql (line " + at + "): not applied by this import, and Liquibase's checksum includes it");
          skip();
        }
        case "sql", "sqlFile" -> sqlChange(at).ifPresent(changes::add);
        case "rollback" -> rollback = rollback(at);
        default -> {
          other.add(new Other(name, at));
          skip();
        }
      }
    }
    entries.add(new LiquibaseChangelog.ChangeSetEntry(new LiquibaseChangeSet(id, author, src.file(), line,
        comment, a.get("dbms"), LiquibaseChangelog.isTrue(a.get("ignore")), changes, other, rollback, notes)));
  }

  /** A {@code sql} or {@code sqlFile} element; leaves the reader at its end tag. */
  private Optional<LiquibaseChange> sqlChange(int line) throws XMLStreamException {
    Map<String, String> a = attrs();
    LiquibaseChange.Options o = new LiquibaseChange.Options(!"false".equalsIgnoreCase(a.get("splitStatements")),
        a.get("endDelimiter"), LiquibaseChangelog.isTrue(a.get("stripComments")));
    if (x.getLocalName().equals("sqlFile")) {
      skip();
      String path = a.get("path");
      if (path == null) {
        src.problem(line, 1, "<sqlFile> needs a path attribute");
        return Optional.empty();
      }
      return src.sqlFiles().read(path, LiquibaseChangelog.isTrue(a.get("relativeToChangelogFile")), line)
          .map(text -> new LiquibaseChange(text, true, line, o, a.get("dbms")));
    }
    String text = text();
    if (text.isBlank()) {
      src.problem(line, 1, "<sql> holds no SQL");
      return Optional.empty();
    }
    return Optional.of(new LiquibaseChange(text, false, line, o, a.get("dbms")));
  }

  private Rollback rollback(int line) throws XMLStreamException {
    Map<String, String> a = attrs();
    if (a.containsKey("changeSetId")) {
      skip();
      return new Rollback(RollbackKind.CHANGESET, List.of(), a.getOrDefault("changeSetAuthor", "") + ":"
          + a.get("changeSetId"), line);
    }
    List<LiquibaseChange> changes = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    String notSql = null;
    int event;
    while ((event = x.next()) != XMLStreamConstants.END_ELEMENT) {
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        raw.append(x.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        String name = x.getLocalName();
        if (name.equals("sql") || name.equals("sqlFile")) {
          sqlChange(line()).ifPresent(changes::add);
        } else {
          notSql = notSql == null ? name : notSql;
          skip();
        }
      }
    }
    if (!raw.toString().isBlank()) {
      changes.add(0, new LiquibaseChange(raw.toString(), false, line, LiquibaseChange.Options.DEFAULT, null));
    }
    if (notSql != null) {
      return new Rollback(RollbackKind.NOT_SQL, changes, notSql, line);
    }
    return changes.isEmpty() ? new Rollback(RollbackKind.EMPTY, List.of(), "", line)
        : new Rollback(RollbackKind.SQL, changes, "", line);
  }

  /** The text of the current element, without that of child elements (a {@code <comment>} in a {@code <sql>}). */
  private String text() throws XMLStreamException {
    StringBuilder b = new StringBuilder();
    int event;
    while ((event = x.next()) != XMLStreamConstants.END_ELEMENT) {
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
          || event == XMLStreamConstants.SPACE) {
        b.append(x.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        skip();
      }
    }
    return b.toString();
  }

  /** Skips to the end tag of the current element. */
  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = x.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private Map<String, String> attrs() {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < x.getAttributeCount(); i++) {
      a.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
    }
    return a;
  }

  private String attr(String name) {
    return attrs().get(name);
  }

  /**
   * The line the current start tag begins on. The parser reports where the tag ends, so for a tag written over
   * several lines the line is found from the character offset, back to the tag's {@code <}.
   */
  private int line() {
    int end = x.getLocation().getCharacterOffset();
    int line = x.getLocation().getLineNumber();
    if (end <= 0 || end > text.length()) {
      return line;
    }
    int open = text.lastIndexOf('<', end - 1);
    return open < 0 ? line : line - (int) text.substring(open, end).chars().filter(c -> c == '\n').count();
  }
}
