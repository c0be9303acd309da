package backstep.history;

import backstep.history.LiquibaseChangeSet.Rollback;
import backstep.history.LiquibaseChangeSet.RollbackKind;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the changesets a Liquibase walk found into migrations: the SQL families each runs on (its {@code dbms}, else
 * {@code --dialect}), the up and down SQL per family rewritten for Backstep's splitter, Liquibase's checksum, and a
 * note for everything Backstep does not act on. Changesets of other change types, or for other databases, are listed
 * as not imported.
 */
final class LiquibaseMigrations {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private final List<LiquibaseChangeSet> changeSets;
  private final List<LiquibaseChangelog.Property> properties;
  private final Optional<DialectFamily> dialect;
  private final List<String> notImported;
  private final List<String> warnings = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  LiquibaseMigrations(List<LiquibaseChangeSet> changeSets, List<LiquibaseChangelog.Property> properties,
      Optional<DialectFamily> dialect, List<String> notImported) {
    this.changeSets = changeSets;
    this.properties = properties;
    this.dialect = dialect;
    this.notImported = new ArrayList<>(notImported);
  }

  ImportResult result(Path source, String name, Path master) throws InvalidFileException {
    duplicates(master);
    List<LiquibaseChangeSet> undeclared = changeSets.stream().filter(c -> !c.ignored() && c.otherChanges().isEmpty()
        && LiquibaseDbms.unspecified(c.dbms())).toList();
    if (dialect.isEmpty() && !undeclared.isEmpty()) {
      LiquibaseChangeSet first = undeclared.get(0);
      problems.add(new Problem(master.resolveSibling(first.file()), first.line(), 1, "", "changeset "
          + first.version() + (undeclared.size() > 1 ? " and " + (undeclared.size() - 1) + " more" : "")
          + " do not say which database they are for (no dbms:); pass --dialect postgresql or --dialect mysql"));
    }
    Map<String, LiquibaseChangeSet> byVersion = new HashMap<>();
    List<Migration> migrations = new ArrayList<>();
    Set<DialectFamily> families = EnumSet.noneOf(DialectFamily.class);
    for (LiquibaseChangeSet c : changeSets) {
      Optional<Migration> m = migration(c, byVersion, master);
      byVersion.putIfAbsent(c.version(), c);
      m.ifPresent(x -> {
        migrations.add(x);
        families.addAll(x.up().keySet());
      });
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(master, problems);
    }
    return new ImportResult("liquibase", source, name, families, migrations, notImported, warnings);
  }

  private void duplicates(Path master) {
    Map<String, LiquibaseChangeSet> seen = new HashMap<>();
    for (LiquibaseChangeSet c : changeSets) {
      LiquibaseChangeSet first = seen.putIfAbsent(c.version(), c);
      if (first != null) {
        problems.add(new Problem(master.resolveSibling(c.file()), c.line(), 1, "", "changeset " + c.version()
            + " is declared twice: here and at " + first.file() + ":" + first.line() + " (Backstep names "
            + "migrations by author:id, so each must be unique)"));
      }
    }
  }

  private Optional<Migration> migration(LiquibaseChangeSet c, Map<String, LiquibaseChangeSet> earlier,
      Path master) {
    String at = c.file() + ":" + c.line() + ": changeset " + c.version() + ": ";
    if (c.ignored()) {
      notImported.add(at + "ignore:true, so Liquibase skips it; not imported");
      return Optional.empty();
    }
    if (!c.otherChanges().isEmpty()) {
      for (LiquibaseChangeSet.Other o : c.otherChanges()) {
        notImported.add(c.file() + ":" + o.line() + ": changeset " + c.version() + ": " + o.type() + " is not SQL; "
            + "not imported" + (c.changes().isEmpty() ? "" : " (nor the changeset's SQL changes)"));
      }
      return Optional.empty();
    }
    Set<DialectFamily> families = families(c, at);
    if (families.isEmpty()) {
      return Optional.empty();
    }
    List<String> notes = new ArrayList<>();
    if (!LiquibaseDbms.unspecified(c.dbms())) {
      for (DialectFamily f : families) {
        if (!LiquibaseDbms.whole(c.dbms(), f)) {
          notes.add("dbms:" + c.dbms() + ": Liquibase runs it on " + String.join("/", LiquibaseDbms.names(f)
              .stream().filter(n -> LiquibaseDbms.matches(c.dbms(), n)).toList()) + " only");
        }
      }
    }
    Map<DialectFamily, String> up = new EnumMap<>(DialectFamily.class);
    Map<DialectFamily, String> down = new EnumMap<>(DialectFamily.class);
    Set<String> checksums = new LinkedHashSet<>();
    Set<String> textNotes = new LinkedHashSet<>();
    for (DialectFamily f : families) {
      List<LiquibaseChange> changes = forFamily(c.changes(), f);
      if (changes.isEmpty()) {
        notes.add("no SQL change of it runs on " + f.key() + " (each names another dbms)");
        continue;
      }
      up.put(f, text(changes, f, textNotes, "up"));
      checksums.add(f.key() + " " + LiquibaseChecksum.changeSet(changes.stream().map(ch -> LiquibaseChecksum.change(
          ch.fromFile() ? ch.sql() : expand(ch.sql(), f))).toList()));
      downFor(c, f, earlier, master).ifPresent(d -> down.put(f, text(d, f, textNotes, "rollback")));
    }
    if (up.isEmpty()) {
      notImported.add(at + "none of its SQL changes runs on " + families + "; not imported");
      return Optional.empty();
    }
    notes.addAll(rollbackNotes(c.rollback()));
    notes.addAll(textNotes);
    notes.addAll(c.notes());
    placeholders(c, at);
    List<String> sums = new ArrayList<>(checksums);
    String checksum = sums.get(0).substring(sums.get(0).indexOf(' ') + 1);
    if (sums.stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct().count() > 1) {
      notes.add("Liquibase's checksum differs by database (its SQL changes filter on dbms): " + String.join(", ",
          sums));
    }
    return Optional.of(new Migration(c.version(), c.comment().isBlank() ? c.id() : c.comment(), c.file(), c.line(),
        c.author(), checksum, false, up, down, Map.of(), notes));
  }

  private Set<DialectFamily> families(LiquibaseChangeSet c, String at) {
    if (LiquibaseDbms.unspecified(c.dbms())) {
      return dialect.map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(DialectFamily.class));
    }
    Set<DialectFamily> families = LiquibaseDbms.families(c.dbms());
    if (dialect.isPresent()) {
      if (!families.contains(dialect.get())) {
        notImported.add(at + "dbms:" + c.dbms() + " does not run on " + dialect.get().key() + " (--dialect); not "
            + "imported");
        return Set.of();
      }
      return EnumSet.of(dialect.get());
    }
    if (families.isEmpty()) {
      notImported.add(at + "dbms:" + c.dbms() + " runs on neither PostgreSQL nor MySQL/MariaDB; not imported");
    }
    return families;
  }

  private Optional<List<LiquibaseChange>> downFor(LiquibaseChangeSet c, DialectFamily f,
      Map<String, LiquibaseChangeSet> earlier, Path master) {
    Rollback r = c.rollback();
    if (r.kind() == RollbackKind.SQL) {
      List<LiquibaseChange> changes = forFamily(r.changes(), f);
      return changes.isEmpty() ? Optional.empty() : Optional.of(changes);
    }
    if (r.kind() == RollbackKind.CHANGESET) {
      LiquibaseChangeSet target = earlier.get(r.reference());
      if (target == null) {
        problems.add(new Problem(master.resolveSibling(c.file()), r.line(), 1, "", "changeset " + c.version()
            + " rolls back with changeset " + r.reference() + ", which no earlier changeset is"));
        return Optional.empty();
      }
      List<LiquibaseChange> changes = forFamily(target.changes(), f);
      return changes.isEmpty() ? Optional.empty() : Optional.of(changes);
    }
    return Optional.empty();
  }

  private static List<String> rollbackNotes(Rollback r) {
    return switch (r.kind()) {
      case ABSENT -> List.of("no rollback in the changeset: Liquibase cannot roll back its SQL either; imported "
          + "with rollback_mode: none");
      case EMPTY -> List.of("rollback " + (r.reference().isBlank() ? "block is empty" : "'" + r.reference() + "'")
          + ": nothing is undone on purpose; imported as an empty down (rollback_mode: none)");
      case NOT_SQL -> List.of("rollback " + r.reference() + " is not SQL; no down imported (rollback_mode: none)");
      case CHANGESET -> List.of("rollback: the SQL of changeset " + r.reference() + ", as Liquibase runs it");
      case SQL -> List.of();
    };
  }

  private static List<LiquibaseChange> forFamily(List<LiquibaseChange> changes, DialectFamily f) {
    return changes.stream().filter(ch -> LiquibaseDbms.families(ch.dbms()).contains(f)).toList();
  }

  /** The Backstep text of {@code changes} on {@code f}, one after the other, each ended so the next starts anew. */
  private String text(List<LiquibaseChange> changes, DialectFamily f, Set<String> notes, String part) {
    StringBuilder b = new StringBuilder();
    for (LiquibaseChange ch : changes) {
      LiquibaseSqlText.Result r = LiquibaseSqlText.rewrite(expand(ch.sql(), f), ch.options(), f);
      r.notes().forEach(n -> notes.add(part + " (line " + ch.line() + "): " + n));
      if (b.length() > 0) {
        b.append("\n\n");
      }
      b.append(terminated(r.text()));
    }
    return b.toString();
  }

  /** {@code text} ending in {@code ;}, so that text joined after it starts a new statement. */
  private static String terminated(String text) {
    String t = text.strip();
    if (t.endsWith(";")) {
      return t;
    }
    String last = t.substring(t.lastIndexOf('\n') + 1);
    return last.contains("--") || last.contains("#") ? t + "\n;" : t + ";";
  }

  /** {@code sql} with the changelog properties that apply to {@code f} filled in; the first definition wins. */
  private String expand(String sql, DialectFamily f) {
    if (!sql.contains("${")) {
      return sql;
    }
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Optional<String> value = property(m.group(1), f);
      m.appendReplacement(b, Matcher.quoteReplacement(value.orElse(m.group())));
    }
    m.appendTail(b);
    return b.toString();
  }

  private Optional<String> property(String name, DialectFamily f) {
    return properties.stream().filter(p -> p.name().equals(name) && LiquibaseDbms.families(p.dbms()).contains(f))
        .map(LiquibaseChangelog.Property::value).findFirst();
  }

  private void placeholders(LiquibaseChangeSet c, String at) {
    Set<String> unknown = new LinkedHashSet<>();
    List<LiquibaseChange> all = new ArrayList<>(c.changes());
    all.addAll(c.rollback().changes());
    for (LiquibaseChange ch : all) {
      Matcher m = PLACEHOLDER.matcher(ch.sql());
      while (m.find()) {
        String name = m.group(1);
        if (properties.stream().noneMatch(p -> p.name().equals(name))) {
          unknown.add("${" + name + "}");
        }
      }
    }
    if (!unknown.isEmpty()) {
      warnings.add(at + "uses " + String.join(", ", unknown) + ", which no changelog property defines (Liquibase "
          + "takes them from its command line or liquibase.properties); left as written, and Backstep reads "
          + "${…} as its own placeholders: edit the playbook");
    }
  }
}
