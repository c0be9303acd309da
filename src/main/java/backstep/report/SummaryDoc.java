package backstep.report;

import backstep.integrity.CheckResult.Basis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Lays a {@link Summary} out as a document for people. */
final class SummaryDoc {
  private SummaryDoc() {}

  static Doc of(Summary s) {
    Doc d = new Doc("Change summary: " + s.changeId() + " — " + s.state());
    d.fields(List.of(
        Doc.field("Change", s.playbookId() + " v" + s.version() + (s.title() == null ? "" : " — " + s.title())),
        Doc.field("Target", s.target() + " (" + lower(s.dialect()) + ")"),
        Doc.field("Outcome", s.state()),
        Doc.field("Applied by", s.appliedBy()),
        Doc.field("Rolled back by", s.rolledBackBy()),
        Doc.field("Ran from", s.process()),
        Doc.field("Started", AuditExport.time(s.startedAt())),
        Doc.field("Ended", s.endedAt() == null ? "not ended" : AuditExport.time(s.endedAt())),
        Doc.field("Forward took", duration(s.forward())),
        Doc.field("Rollback took", s.rollback() == null ? null : duration(s.rollback())),
        Doc.field("Error", s.error()),
        Doc.field("Tags", s.tags().isEmpty() ? "none (playbook not in a git repository, no --tag)"
            : s.tags().describeFull()),
        Doc.field("Playbook sha256", s.sha256()),
        Doc.field("Run id", s.runId())));
    d.p(s.intent());
    d.h2("What ran").table(List.of("#", "step", "kind", "state", "by", "forward", "rollback", "attempts", "rows",
        "statements", "note"), s.steps().stream().map(SummaryDoc::step).toList());
    d.h2("Deviations");
    if (s.deviations().isEmpty()) {
      d.p("None: no retries, failures, partial steps, guard events, pauses or rollbacks.");
    } else {
      d.table(List.of("at (UTC)", "step", "what happened", "detail"), s.deviations().stream()
          .map(x -> List.of(clock(x.at()), nz(x.step()), x.kind(), nz(x.what()))).toList());
    }
    d.h2("Checks before and after");
    if (s.checks().isEmpty()) {
      d.p("The playbook declares no checks.");
    } else {
      d.table(List.of("phase", "after step", "check", "value", "before", "expected", "result"), s.checks().stream()
          .map(c -> List.of(c.phase().replace('_', ' '), nz(c.step()), c.name(), nz(c.value()), nz(c.before()),
              nz(c.expected()), (c.passed() ? "passed" : "FAILED")
                  + (c.basis() == Basis.COUNTED ? "" : " (" + c.basis().words() + ")"))).toList());
    }
    d.h2("Approvals and decisions").table(List.of("at (UTC)", "what", "step", "by", "approver", "decision",
        "reason", "policy rule"), s.decisions().stream().map(x -> List.of(clock(x.at()), x.kind(), nz(x.step()),
            nz(x.by()), nz(x.approver()), x.decision(), nz(x.reason()), nz(x.policy()))).toList());
    if (!s.recoveryPoints().isEmpty()) {
      d.h2("Recovery points").table(List.of("step", "copy", "rows", "checksum", "kept"), s.recoveryPoints().stream()
          .map(p -> List.of(p.step(), p.copy(), Long.toString(p.rows()), p.checksum(), p.dropped() ? "dropped"
              : "kept")).toList());
    }
    if (!s.successCriteria().isEmpty()) {
      d.h2("Success criteria (from the playbook, to confirm)").bullets(s.successCriteria());
    }
    d.h2("Ledger").p(switch (s.chain().verdict()) {
      case INTACT -> "Hash chain intact over all " + s.chain().events() + " events of the target's ledger.";
      case UNCHECKED -> "Hash chain " + s.chain().words() + ".";
      case BROKEN -> "HASH CHAIN BROKEN: " + s.chain().problem();
    });
    return d;
  }

  private static List<String> step(Summary.Step x) {
    return List.of(Integer.toString(x.number()), x.id(), x.kind(), x.state(), nz(x.actor()),
        duration(x.forward()), duration(x.rollback()), Integer.toString(x.attempts()), Long.toString(x.rows()),
        x.statements(), nz(x.note()));
  }

  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String clock(Instant i) {
    return i == null ? "" : AuditExport.time(i).replace(" UTC", "").substring(11);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
