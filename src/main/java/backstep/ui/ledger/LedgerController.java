package backstep.ui.ledger;

import backstep.db.Database;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerException;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.report.AuditExport;
import backstep.report.ChangeReports;
import backstep.ui.fx.Rows;
import backstep.ui.fx.UiThread;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.stage.Window;

/** Reads the current target's ledger off the FX thread, shows one run in full, and exports it. */
public final class LedgerController {
  private static final int RUN_LIMIT = 500;
  private final LedgerModel model;
  private final UiThread fx;
  private final Executor io;
  private final ExportDestination destination;
  private final Supplier<Window> owner;
  private Database db;
  private long generation;

  public LedgerController(LedgerModel model, UiThread fx, Executor io, ExportDestination destination,
      Supplier<Window> owner) {
    this.model = model;
    this.fx = fx;
    this.io = io;
    this.destination = destination;
    this.owner = owner;
  }

  public LedgerModel model() {
    return model;
  }

  /** The target whose ledger to browse (null database: not connected). */
  public void showTarget(String name, Database database) {
    UiThread.check();
    if (database == db && name.equals(model.targetProperty().get())) {
      return;
    }
    db = database;
    model.setTarget(name);
    model.mutableRuns().clear();
    model.setSelected(null);
    model.setDetail(null);
    model.setChain(null);
    model.setSummary(database == null ? "ledger: not connected" : "ledger: reading…");
    refresh();
  }

  private record Snapshot(List<RunRecord> runs, Ledger.ChainCheck chain) {}

  /** Reads the runs and checks the hash chain again; keeps the selected run if it is still there. */
  public CompletableFuture<Void> refresh() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Database d = db;
    if (d == null) {
      done.complete(null);
      return done;
    }
    long gen = ++generation;
    String keep = model.selectedProperty().get() == null ? null : model.selectedProperty().get().runId();
    model.setLoading(true);
    LedgerReader reader = new LedgerReader(d);
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return new Snapshot(reader.runs(null, RUN_LIMIT), reader.verifyChain());
      } catch (LedgerException e) {
        throw new CompletionException(e);
      }
    }, io), (snap, error) -> {
      if (gen != generation) {
        done.complete(null);
        return;
      }
      model.setLoading(false);
      if (error != null) {
        model.setMessage(error.getMessage());
        model.setSummary("ledger: unreadable");
        done.complete(null);
        return;
      }
      show(snap.runs(), snap.chain(), keep);
      done.complete(null);
    });
    return done;
  }

  /**
   * Shows a fresh read of the runs, newest first, keeping the run {@code keep} selected if it is still there. The
   * runs table keeps its rows (adds and removes only, {@link Rows}): after every run the console reads the ledger
   * again, mostly while the ledger's tab is hidden, and a replaced list rebuilt every row of the table.
   */
  void show(List<RunRecord> runs, Ledger.ChainCheck chain, String keep) {
    Rows.sync(model.mutableRuns(), runs);
    model.setChain(chain);
    model.setSummary("ledger: " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " · "
        + ChainChip.status(chain));
    RunRecord again = runs.stream().filter(r -> r.runId().equals(keep)).findFirst().orElse(null);
    if (again != null) {
      select(again);
    } else {
      model.setSelected(null);
      model.setDetail(null);
    }
  }

  public void select(RunRecord r) {
    UiThread.check();
    model.setSelected(r);
    if (r == null || db == null) {
      model.setDetail(null);
      return;
    }
    LedgerReader reader = new LedgerReader(db);
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return reader.run(r.runId());
      } catch (LedgerException e) {
        throw new CompletionException(e);
      }
    }, io), (d, error) -> {
      if (model.selectedProperty().get() != r) {
        return;
      }
      if (error != null) {
        model.setMessage(error.getMessage());
        return;
      }
      model.setDetail(d);
    });
  }

  public void exportMarkdown() {
    export(0, "md", "Markdown audit export", AuditExport::markdown);
  }

  public void exportJson() {
    export(1, "json", "JSON audit export", AuditExport::json);
  }

  /** The post-change summary for stakeholders, as {@code backstep report summary --format html} writes it. */
  public void exportSummary() {
    export(-1, "html", "HTML change summary", (d, c) -> ChangeReports.summary(d, c, ChangeReports.Format.HTML));
  }

  private interface Format {
    String render(LedgerReader.RunDetail d, Ledger.ChainCheck c);
  }

  private void export(int auditName, String ext, String description, Format format) {
    LedgerReader.RunDetail d = model.detailProperty().get();
    Ledger.ChainCheck chain = model.chainProperty().get();
    if (d == null || chain == null) {
      model.setMessage("Select a run to export");
      return;
    }
    String name = auditName >= 0 ? AuditExport.fileNames(d.run()).get(auditName)
        : "summary-" + d.run().changeId() + "." + ext;
    Optional<Path> target = destination.choose(owner.get(), name, description, ext);
    if (target.isEmpty()) {
      return;
    }
    Path file = target.get();
    fx.whenDone(CompletableFuture.runAsync(() -> ExportDestination.write(file, format.render(d, chain)), io),
        (v, error) -> model.setMessage(error == null ? "exported " + d.run().changeId() + " to " + file
        : "export failed: " + (error instanceof UncheckedIOException u ? u.getCause().getMessage()
        : error.getMessage())));
  }
}
