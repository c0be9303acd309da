package backstep.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What one changelog file holds, in file order: changesets, includes and properties. */
final class LiquibaseChangelog {
  private LiquibaseChangelog() {}

  /** One item of a changelog. */
  sealed interface Entry permits ChangeSetEntry, Include, Property {
    int line();
  }

  record ChangeSetEntry(LiquibaseChangeSet changeSet) implements Entry {
    @Override
    public int line() {
      return changeSet.line();
    }
  }

  /**
   * An {@code include} (a file) or {@code includeAll} (a folder, read in file-name order).
   *
   * @param relative {@code relativeToChangelogFile}: resolved against the including changelog's folder rather than
   *     the project root
   */
  record Include(String path, boolean relative, boolean all, int line) implements Entry {}

  /** A changelog property ({@code ${name}} in SQL), for the families in {@code dbms} (null: all). */
  record Property(String name, String value, String dbms, int line) implements Entry {}

  /**
   * Notes for the changeset attributes Backstep does not act on, read through {@code attr} (null when absent), in
   * the same words for every changelog format.
   */
  static List<String> attributeNotes(Function<String, String> attr) {
    List<String> notes = new ArrayList<>();
    if (isTrue(attr.apply("runOnChange"))) {
      notes.add("runOnChange:true: Liquibase runs it again whenever its text changes; Backstep applies it once");
    }
    if (isTrue(attr.apply("runAlways"))) {
      notes.add("runAlways:true: Liquibase runs it on every update; Backstep applies it once");
    }
    if ("false".equalsIgnoreCase(attr.apply("failOnError"))) {
      notes.add("failOnError:false: Liquibase carries on when it fails; Backstep stops at a failed statement");
    }
    if ("false".equalsIgnoreCase(attr.apply("runInTransaction"))) {
      notes.add("runInTransaction:false: Liquibase runs it outside a transaction");
    }
    String context = attr.apply("contextFilter") != null ? attr.apply("contextFilter") : attr.apply("context");
    if (context != null && !context.isBlank()) {
      notes.add("context " + context + ": Liquibase runs it only in matching contexts; Backstep imports it "
          + "unconditionally");
    }
    String labels = attr.apply("labels");
    if (labels != null && !labels.isBlank()) {
      notes.add("labels " + labels + ": Liquibase can filter on them; Backstep imports it unconditionally");
    }
    if (attr.apply("runWith") != null) {
      notes.add("runWith:" + attr.apply("runWith") + ": Liquibase hands it to that executor; Backstep runs it "
          + "over JDBC");
    }
    return notes;
  }

  static boolean isTrue(String value) {
    return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
  }
}
