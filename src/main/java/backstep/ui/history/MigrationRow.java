package backstep.ui.history;

import backstep.engine.RunResult;
import backstep.engine.TargetStatus;
import backstep.history.HistoryWriter;
import backstep.playbook.Origin;
import backstep.playbook.Playbook;
import backstep.playbook.RollbackMode;
import backstep.playbook.SqlStep;

/**
 * One migration of the history page, immutable: the page replaces a row when its state changes.
 *
 * @param index its place in the history (0 first)
 * @param state on the current target
 * @param detail the state in words: the latest run's change id, operator and what the ledger explains
 */
public record MigrationRow(int index, Playbook playbook, MigrationState state, String detail) {

  /** A row for the playbook's latest run on the target; {@code known} false when there is no ledger read yet. */
  static MigrationRow of(int index, Playbook p, TargetStatus.PlaybookState latest, boolean known) {
    if (!known) {
      return new MigrationRow(index, p, MigrationState.UNKNOWN, "");
    }
    MigrationState s = MigrationState.of(latest);
    if (latest == null) {
      return new MigrationRow(index, p, s, "never run on this target");
    }
    String from = latest.adoptedFrom();
    String who = from != null ? "adopted: " + HistoryWriter.formatName(from) + " applied it, not Backstep"
        : latest.operator() == null ? "" : latest.operator();
    return new MigrationRow(index, p, s, latest.changeId() + (who.isEmpty() ? "" : " · " + who)
        + (s == MigrationState.APPLIED ? "" : " · " + latest.explanation()));
  }

  /** This row after a run of the walk ended. */
  MigrationRow after(RunResult r) {
    MigrationState s = MigrationState.of(r);
    String why = r.different() ? "differences: " + String.join("; ", r.proof().differences())
        : r.error() == null ? "" : r.error();
    return new MigrationRow(index, playbook, s, r.changeId() + " · " + r.state().words() + (why.isEmpty() ? ""
        : " · " + why));
  }

  MigrationRow with(MigrationState s, String words) {
    return new MigrationRow(index, playbook, s, words);
  }

  /** The version as the source tool knows it, or the playbook id (as {@code --to} and the reports name it). */
  public String name() {
    return backstep.history.History.name(playbook);
  }

  /** Whether the migration has a down: no SQL step of it is {@code rollback_mode: none} (lint BS017). */
  public boolean hasDown() {
    return playbook.steps().stream().noneMatch(s -> s instanceof SqlStep q && q.rollbackMode() == RollbackMode.NONE);
  }

  public boolean repeatable() {
    return playbook.origin().repeatable();
  }

  /** Where it came from: the source file, then version and author as the tool records them. */
  public String originFile() {
    Origin o = playbook.origin();
    return o.imported() ? o.file() : "written for Backstep";
  }

  public String originVersion() {
    Origin o = playbook.origin();
    if (!o.imported()) {
      return "playbook " + playbook.id() + " v" + playbook.version();
    }
    return "version " + o.version() + " · " + (o.author().isEmpty() ? "no author recorded" : "by " + o.author());
  }
}
