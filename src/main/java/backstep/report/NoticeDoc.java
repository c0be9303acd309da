package backstep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays a {@link Notice} out as a document for people. */
final class NoticeDoc {
  private NoticeDoc() {}

  static Doc of(Notice n) {
    Doc d = new Doc("Change notice: " + n.title());
    d.fields(List.of(
        Doc.field("Change", n.playbookId() + " v" + n.version()),
        Doc.field("Target", n.target() + " (" + n.environment() + ", " + n.dialect() + ")"),
        Doc.field("Window", n.window() == null ? "not scheduled yet" : n.window()),
        Doc.field("Owners", n.owners().isEmpty() ? "not named in the playbook" : String.join(", ", n.owners())),
        Doc.field("Playbook", (n.source() == null ? "" : n.source() + ", ") + "sha256 " + n.sha256())));
    d.h2("Why").p(n.intent());
    if (n.minimumViableChange() != null && !n.minimumViableChange().isBlank()) {
      d.h3("Minimum viable change").p(n.minimumViableChange());
    }
    d.h2("Blast radius");
    if (n.blastRadius().isEmpty()) {
      d.p("The playbook names no dependent systems.");
    } else {
      d.table(List.of("system", "impact"), n.blastRadius().stream()
          .map(b -> List.of(b.system(), b.impact() == null ? "" : b.impact())).toList());
    }
    d.h2("Steps");
    for (Notice.Step s : n.steps()) {
      d.h3(s.number() + ". " + s.title() + " [" + s.kind() + ", " + s.id() + "]");
      d.p(s.intent());
      List<List<String>> rows = new ArrayList<>();
      for (Notice.Change c : s.changes()) {
        rows.add(List.of(c.what(), c.locks()));
      }
      d.table(List.of(s.kind().equals("sql") ? "statement" : "what", "likely locks"), rows);
      d.fields(List.of(Doc.field("Runs", s.runs()), Doc.field("Guards", s.guards()),
          Doc.field("Undo", s.undo())));
    }
    d.h2("Rollback plan").p("If the change must be undone, rollback walks the steps newest first, each verified as "
        + "undone:").bullets(n.rollbackPlan());
    if (n.remediation() != null && !n.remediation().isBlank()) {
      d.p("Remediation: " + n.remediation());
    }
    d.h2("Decision points").table(List.of("when", "kind", "what"), n.decisionPoints().stream()
        .map(p -> List.of(p.when(), p.kind(), p.what())).toList());
    d.h2("Success criteria").bullets(n.successCriteria());
    if (n.successCriteria().isEmpty()) {
      d.p("The playbook lists none.");
    }
    if (n.expected() != null) {
      d.fields(List.of(Doc.field("Expected after the change", n.expected().afterForward()),
          Doc.field("Expected after a rollback", n.expected().afterRollback())));
    }
    d.h3("Checks Backstep measures").table(List.of("check", "measures", "when", "expect", "on failure"),
        n.checks().stream().map(c -> List.of(c.name(), c.measures(), c.phases().replace('_', ' '), c.expect(),
            c.onFail())).toList());
    d.p("Likely locks are read from each statement's text (" + n.dialect().toLowerCase(Locale.ROOT)
        + " lock levels); check them against the statement.");
    return d;
  }
}
