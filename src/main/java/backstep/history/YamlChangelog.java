package backstep.history;

import backstep.history.LiquibaseChangeSet.Other;
import backstep.history.LiquibaseChangeSet.Rollback;
import backstep.history.LiquibaseChangeSet.RollbackKind;
import backstep.playbook.YamlTree;
import backstep.playbook.YamlTree.ListNode;
import backstep.playbook.YamlTree.MapNode;
import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Liquibase YAML (or JSON) changelog: {@code databaseChangeLog:} with {@code changeSet}, {@code include},
 * {@code includeAll} and {@code property} items, through Backstep's positioned YAML tree so each problem names its
 * line.
 */
final class YamlChangelog {
  private final LiquibaseSources src;
  private final List<LiquibaseChangelog.Entry> entries = new ArrayList<>();

  private YamlChangelog(LiquibaseSources src) {
    this.src = src;
  }

  static List<LiquibaseChangelog.Entry> read(String text, LiquibaseSources src) {
    List<YamlTree.Problem> duplicates = new ArrayList<>();
    Node root;
    try {
      root = YamlTree.parse(text, duplicates);
    } catch (YamlTree.SyntaxException e) {
      src.problem(e.line(), e.column(), e.getMessage());
      return List.of();
    }
    duplicates.forEach(p -> src.problem(p.line(), p.column(), p.message()));
    YamlChangelog r = new YamlChangelog(src);
    Node log = root instanceof MapNode m && m.entries().containsKey("databaseChangeLog")
        ? m.entries().get("databaseChangeLog").value() : null;
    if (!(log instanceof ListNode items)) {
      src.problem(root.line(), root.column(), "expected 'databaseChangeLog:' with a list of changeSet, include, "
          + "includeAll and property items");
      return List.of();
    }
    for (Node item : items.items()) {
      r.item(item);
    }
    return r.entries;
  }

  private void item(Node item) {
    if (!(item instanceof MapNode m) || m.entries().size() != 1) {
      src.problem(item.line(), item.column(), "expected one of changeSet:, include:, includeAll:, property:");
      return;
    }
    YamlTree.Entry e = m.entries().values().iterator().next();
    MapNode body = map(e.value(), e.key()).orElse(null);
    if (body == null) {
      return;
    }
    switch (e.key()) {
      case "changeSet" -> changeSet(body, e.line());
      case "include", "includeAll" -> {
        boolean all = e.key().equals("includeAll");
        String path = scalar(body, all ? "path" : "file");
        if (path == null) {
          src.problem(e.line(), e.column(), e.key() + " needs " + (all ? "path" : "file"));
        } else {
          entries.add(new LiquibaseChangelog.Include(path, LiquibaseChangelog.isTrue(scalar(body,
              "relativeToChangelogFile")), all, e.line()));
        }
      }
      case "property" -> {
        if (scalar(body, "name") != null && scalar(body, "value") != null) {
          entries.add(new LiquibaseChangelog.Property(scalar(body, "name"), scalar(body, "value"),
              scalar(body, "dbms"), e.line()));
        }
      }
      default -> { }
    }
  }

  private void changeSet(MapNode cs, int line) {
    String id = scalar(cs, "id");
    String author = scalar(cs, "author");
    if (id == null || author == null) {
      src.problem(line, 1, "changeSet needs an id and an author");
    }
    List<String> notes = new ArrayList<>(LiquibaseChangelog.attributeNotes(k -> scalar(cs, k)));
    field(cs, "preConditions").ifPresent(p -> notes.add("preConditions (line " + p.line() + "): not enforced by "
        + "Backstep"));
    field(cs, "validCheckSum").ifPresent(p -> notes.add("validCheckSum " + scalar(cs, "validCheckSum")
        + ": Liquibase also accepts that checksum"));
    field(cs, "modifySql").ifPresent(p -> notes.add("modifySql (line " + p.line() + "): not applied by this "
        + "import, and Liquibase's checksum includes it"));
    List<LiquibaseChange> changes = new ArrayList<>();
    List<Other> other = new ArrayList<>();
    Optional<Node> list = field(cs, "changes");
    if (list.isPresent() && list.get() instanceof ListNode l) {
      changes(l, changes, other);
    } else if (list.isPresent()) {
      src.problem(list.get().line(), list.get().column(), "changes: expected a list of changes");
    }
    Rollback rollback = field(cs, "rollback").map(this::rollback).orElse(Rollback.ABSENT);
    String comment = scalar(cs, "comment");
    entries.add(new LiquibaseChangelog.ChangeSetEntry(new LiquibaseChangeSet(id == null ? "" : id,
        author == null ? "" : author, src.file(), line, comment == null ? "" : comment.strip(),
        scalar(cs, "dbms"), LiquibaseChangelog.isTrue(scalar(cs, "ignore")), changes, other, rollback, notes)));
  }

  /** Reads {@code - sql: …}, {@code - sqlFile: …} and notes every other change type. */
  private void changes(ListNode list, List<LiquibaseChange> changes, List<Other> other) {
    for (Node item : list.items()) {
      if (!(item instanceof MapNode m) || m.entries().size() != 1) {
        src.problem(item.line(), item.column(), "expected one change, such as sql: or createTable:");
        continue;
      }
      YamlTree.Entry e = m.entries().values().iterator().next();
      if (e.key().equals("sql") || e.key().equals("sqlFile")) {
        sqlChange(e).ifPresent(changes::add);
      } else {
        other.add(new Other(e.key(), e.line()));
      }
    }
  }

  private Optional<LiquibaseChange> sqlChange(YamlTree.Entry e) {
    if (e.key().equals("sql") && e.value() instanceof ScalarNode s && !s.isNull()) {
      return Optional.of(new LiquibaseChange(s.text(), false, e.line(), LiquibaseChange.Options.DEFAULT, null));
    }
    Optional<MapNode> body = map(e.value(), e.key());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    MapNode b = body.get();
    LiquibaseChange.Options o = new LiquibaseChange.Options(!"false".equalsIgnoreCase(scalar(b, "splitStatements")),
        scalar(b, "endDelimiter"), LiquibaseChangelog.isTrue(scalar(b, "stripComments")));
    if (e.key().equals("sqlFile")) {
      String path = scalar(b, "path");
      if (path == null) {
        src.problem(e.line(), e.column(), "sqlFile needs path");
        return Optional.empty();
      }
      return src.sqlFiles().read(path, LiquibaseChangelog.isTrue(scalar(b, "relativeToChangelogFile")), e.line())
          .map(text -> new LiquibaseChange(text, true, e.line(), o, scalar(b, "dbms")));
    }
    String sql = scalar(b, "sql");
    if (sql == null || sql.isBlank()) {
      src.problem(e.line(), e.column(), "sql: holds no SQL (write it under sql: sql: |)");
      return Optional.empty();
    }
    return Optional.of(new LiquibaseChange(sql, false, e.line(), o, scalar(b, "dbms")));
  }

  private Rollback rollback(Node n) {
    if (n instanceof ScalarNode s) {
      return s.isNull() || s.text().isBlank() ? new Rollback(RollbackKind.EMPTY, List.of(), "", n.line())
          : new Rollback(RollbackKind.SQL, List.of(new LiquibaseChange(s.text(), false, n.line(),
              LiquibaseChange.Options.DEFAULT, null)), "", n.line());
    }
    if (n instanceof MapNode m && m.entries().containsKey("changeSetId")) {
      String author = scalar(m, "changeSetAuthor");
      return new Rollback(RollbackKind.CHANGESET, List.of(), (author == null ? "" : author) + ":"
          + scalar(m, "changeSetId"), n.line());
    }
    List<Node> items = n instanceof ListNode l ? l.items() : List.of(n);
    List<LiquibaseChange> changes = new ArrayList<>();
    List<Other> other = new ArrayList<>();
    for (Node item : items) {
      if (item instanceof MapNode m) {
        for (YamlTree.Entry e : m.entries().values()) {
          if (e.key().equals("sql") || e.key().equals("sqlFile")) {
            sqlChange(e).ifPresent(changes::add);
          } else {
            other.add(new Other(e.key(), e.line()));
          }
        }
      }
    }
    if (!other.isEmpty()) {
      return new Rollback(RollbackKind.NOT_SQL, changes, other.get(0).type(), n.line());
    }
    return changes.isEmpty() ? new Rollback(RollbackKind.EMPTY, List.of(), "", n.line())
        : new Rollback(RollbackKind.SQL, changes, "", n.line());
  }

  private Optional<MapNode> map(Node n, String key) {
    if (n instanceof MapNode m) {
      return Optional.of(m);
    }
    src.problem(n.line(), n.column(), key + ": expected a mapping, found " + n.describe());
    return Optional.empty();
  }

  private static Optional<Node> field(MapNode m, String key) {
    return Optional.ofNullable(m.entries().get(key)).map(YamlTree.Entry::value);
  }

  private static String scalar(MapNode m, String key) {
    return field(m, key).filter(v -> v instanceof ScalarNode s && !s.isNull()).map(v -> ((ScalarNode) v).text())
        .orElse(null);
  }
}
