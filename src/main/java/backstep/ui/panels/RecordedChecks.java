package backstep.ui.panels;

import backstep.db.Database;
import backstep.engine.CheckRunner;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.playbook.Playbook;
import backstep.ui.fx.UiThread;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Fills an {@link IntegrityModel}'s pending rows from the ledger when a playbook is opened on a target: the latest
 * run of that playbook there and the check values it recorded, labelled with the run so nobody takes them for
 * fresh values. Reads on the background executor; a newer request (or a run starting) discards an older answer.
 * A target without a ledger, or without runs of the playbook, leaves the rows pending.
 */
public final class RecordedChecks {
  private final IntegrityModel model;
  private final UiThread fx;
  private final Executor io;
  private final DateTimeFormatter time;
  private int generation;

  /** What the ledger holds for one playbook: its latest run and the checks it recorded. */
  private record Found(RunRecord run, List<CheckRunner.Recorded> checks) {}

  public RecordedChecks(IntegrityModel model, UiThread fx, Executor io, ZoneId zone) {
    this.model = model;
    this.fx = fx;
    this.io = io;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(zone);
  }

  /** Reads the latest run of {@code pb} on {@code db} and fills the rows still pending; FX thread. */
  public void load(Database db, Playbook pb) {
    UiThread.check();
    int gen = ++generation;
    if (db == null || pb == null || pb.checks().isEmpty()) {
      return;
    }
    fx.whenDone(CompletableFuture.supplyAsync(() -> read(db, pb.id()), io), (found, e) -> {
      if (gen != generation) {
        return;
      }
      if (e != null) {
        model.recordedUnavailable(e.getMessage());
      } else if (found != null && !found.checks().isEmpty()) {
        model.showRecorded(label(found, pb), found.checks().stream().map(CheckRunner.Recorded::outcome).toList());
      }
    });
  }

  /** Forgets a read in flight (a run of this console is starting: its own values are coming). */
  public void cancel() {
    generation++;
  }

  private static Found read(Database db, String playbookId) {
    try {
      LedgerReader ledger = new LedgerReader(db);
      List<RunRecord> runs = ledger.runs(playbookId, 1);
      return runs.isEmpty() ? null
          : new Found(runs.get(0), CheckRunner.recorded(ledger.run(runs.get(0).runId()).events()));
    } catch (backstep.ledger.LedgerException e) {
      throw new CompletionException(e);
    }
  }

  /** "run CHG-2026-1123-0042 at 2026-11-23 04:12:09 (applied)", with the version when it is not the open one. */
  private String label(Found f, Playbook pb) {
    RunRecord r = f.run();
    Instant at = f.checks().stream().map(CheckRunner.Recorded::at).max(Comparator.naturalOrder()).orElseThrow();
    return "run " + r.changeId() + " at " + time.format(at) + " (" + r.state().words()
        + (r.playbookVersion() == pb.version() ? "" : ", playbook v" + r.playbookVersion()) + ")";
  }
}
