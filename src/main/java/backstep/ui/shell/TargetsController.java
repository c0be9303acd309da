package backstep.ui.shell;

import backstep.db.Database;
import backstep.db.Redact;
import backstep.db.TargetSpec;
import backstep.db.TargetUnavailableException;
import backstep.db.Targets;
import backstep.engine.EngineException;
import backstep.engine.StatusReader;
import backstep.engine.TargetStatus;
import backstep.playbook.InvalidFileException;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.InvalidationListener;

/**
 * Loads the targets, opens the one the operator picks (off the FX thread: starting the sandbox takes seconds),
 * and keeps each open target's ledger status fresh. Closes every database when the console closes.
 */
public final class TargetsController {
  private final TargetsModel model;
  private final UiThread fx;
  private final Executor io;
  private final Executor connections;
  private final Path home;
  private final boolean freshSandbox;
  private final PasswordPrompt passwords;
  private final List<Database> opened = new ArrayList<>();
  /** Each target's {@code replicas:} of the targets file, by target name. */
  private java.util.Map<String, List<backstep.db.ReplicaSpec>> replicas = java.util.Map.of();
  private boolean closing;
  private Set<String> knownNames = Set.of(TargetSpec.SANDBOX);
  /** Passwords typed in the target dialog, by target name: in memory only, never written anywhere. */
  private final java.util.Map<String, String> typed = new java.util.HashMap<>();
  private Path file;

  /**
   * {@code connections} opens targets (the sandbox's server is started from it, so it may run at a lower CPU
   * priority); {@code io} does the rest: the targets file, status reads, closing.
   */
  public TargetsController(TargetsModel model, UiThread fx, Executor io, Executor connections, Path home,
      boolean freshSandbox, PasswordPrompt passwords) {
    this.model = model;
    this.fx = fx;
    this.io = io;
    this.connections = connections;
    this.home = home;
    this.freshSandbox = freshSandbox;
    this.passwords = passwords;
  }

  /** The targets file's {@code ledger_key_file:} (null: the key, if any, is in $BACKSTEP_LEDGER_KEY). */
  private volatile Path ledgerKeyFile;

  public TargetsModel model() {
    return model;
  }

  /** Names the playbook loader accepts in a playbook's {@code targets:} list. */
  public Set<String> knownNames() {
    return knownNames;
  }

  /** Reads the targets file (a missing one means: the sandbox only), then opens the sandbox. */
  public CompletableFuture<Void> load(Path targetsFile) {
    file = targetsFile;
    CompletableFuture<Void> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return Targets.load(targetsFile);
      } catch (InvalidFileException e) {
        throw new CompletionException(e);
      }
    }, io), (targets, error) -> {
      Targets t = targets;
      if (error != null) {
        model.setFileProblem(error instanceof InvalidFileException ife
            ? ife.problems().get(0).format() + (ife.problems().size() > 1 ? " (+" + (ife.problems().size() - 1)
            + " more)" : "") : String.valueOf(error.getMessage()));
        t = Targets.sandboxOnly();
      }
      knownNames = t.names();
      ledgerKeyFile = t.ledgerKeyFile();
      Targets all = t;
      replicas = t.names().stream().collect(java.util.stream.Collectors.toMap(n -> n, all::replicas));
      List<TargetEntry> entries = new ArrayList<>();
      entries.add(new TargetEntry(Targets.sandbox()));
      for (String name : t.names()) {
        if (!name.equals(TargetSpec.SANDBOX)) {
          t.find(name).ifPresent(spec -> entries.add(new TargetEntry(spec)));
        }
      }
      model.mutableEntries().setAll(entries);
      select(entries.get(0));
      done.complete(null);
    });
    return done;
  }

  /** Makes {@code entry} the current target, connecting to it if needed. */
  public void select(TargetEntry entry) {
    UiThread.check();
    if (entry == null) {
      return;
    }
    model.setCurrent(entry);
    if (entry.connectionProperty().get() == TargetEntry.Connection.CLOSED
        || entry.connectionProperty().get() == TargetEntry.Connection.FAILED) {
      open(entry);
    }
  }

  /** The entry of the target called {@code name}, once the targets file is read. */
  public Optional<TargetEntry> entry(String name) {
    return model.entries().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Opens {@code entry} if it is not open yet, without making it the current target (drill mode runs on the target
   * its drill names); completes with its database, or fails with why it could not connect. On the FX thread.
   */
  public CompletableFuture<Database> connect(TargetEntry entry) {
    UiThread.check();
    CompletableFuture<Database> done = new CompletableFuture<>();
    InvalidationListener[] watch = new InvalidationListener[1];
    watch[0] = o -> {
      TargetEntry.Connection c = entry.connectionProperty().get();
      if (c == TargetEntry.Connection.OPEN) {
        done.complete(entry.database());
      } else if (c != TargetEntry.Connection.OPENING) {
        done.completeExceptionally(new TargetUnavailableException(entry.detailProperty().get(), false));
      }
    };
    if (entry.connectionProperty().get() != TargetEntry.Connection.OPENING) {
      reconnect(entry);
    }
    watch[0].invalidated(null);
    if (!done.isDone()) {
      entry.connectionProperty().addListener(watch[0]);
      done.whenComplete((d, e) -> entry.connectionProperty().removeListener(watch[0]));
    }
    return done;
  }

  /** Connects again (after a failure). */
  public void reconnect(TargetEntry entry) {
    if (entry.connectionProperty().get() != TargetEntry.Connection.OPENING
        && entry.connectionProperty().get() != TargetEntry.Connection.OPEN) {
      open(entry);
    }
  }

  private void open(TargetEntry entry) {
    TargetSpec spec = entry.spec();
    String password = typed.get(spec.name());
    if (password == null && spec.passwordEnv() != null) {
      password = System.getenv(spec.passwordEnv());
      if (password == null) {
        Optional<String> typed = passwords.ask(spec);
        if (typed.isEmpty()) {
          entry.failed("no password: set $" + spec.passwordEnv() + " or type it when connecting");
          return;
        }
        password = typed.get();
      }
    }
    entry.opening(spec.isSandbox() ? "starting sandbox…" : "connecting to " + spec.safeUrl() + "…");
    String pw = password;
    List<backstep.db.ReplicaSpec> itsReplicas = replicas.getOrDefault(spec.name(), List.of());
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        Database db = Database.open(spec, pw, home, freshSandbox);
        db.useReplicas(itsReplicas); // the live panel shows each one's lag
        try {
          db.useLedgerKey(backstep.db.LedgerKey.resolve(ledgerKeyFile, System.getenv()).orElse(null));
        } catch (IllegalArgumentException e) {
          db.close();
          throw new CompletionException(e);
        }
        return db;
      } catch (TargetUnavailableException e) {
        throw new CompletionException(e);
      }
    }, connections), (db, error) -> {
      if (error != null) {
        entry.failed(Redact.text(error instanceof TargetUnavailableException ? error.getMessage()
            : String.valueOf(error)));
        return;
      }
      if (closing) {
        io.execute(db::close);
        return;
      }
      opened.add(db);
      entry.opened(db);
      refreshStatus(entry);
    });
  }

  /** The targets file the console reads and the target dialog writes. */
  public Path file() {
    return file;
  }

  /**
   * Connects to {@code spec} with {@code password} (typed, or null to read its variable) and closes again, off
   * the FX thread: completes (on the FX thread) with the server's name and version, or fails with why (the
   * password never in it).
   */
  public CompletableFuture<String> test(TargetSpec spec, String password) {
    CompletableFuture<String> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      String pw = password != null ? password : spec.passwordEnv() == null ? null : System.getenv(spec.passwordEnv());
      try (Database db = Database.open(spec, pw, home, false)) {
        return db.dialect().displayName() + " " + db.serverVersion();
      } catch (TargetUnavailableException e) {
        throw new CompletionException(new IllegalStateException(Redact.text(e.getMessage(), pw)));
      }
    }, connections), (what, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(what);
      }
    });
    return done;
  }

  /**
   * Writes {@code spec} into the targets file in place of {@code editing} (null to add), off the FX thread, then
   * shows it in the list and makes it current; {@code password}, if typed, is kept in memory only. Fails with why
   * (a name in use, a URL the loader refuses, a file that cannot be written).
   */
  public CompletableFuture<TargetEntry> save(TargetEntry editing, TargetSpec spec, String password) {
    UiThread.check();
    Path f = file;
    String replacing = editing == null ? null : editing.name();
    CompletableFuture<TargetEntry> done = new CompletableFuture<>();
    edit(() -> backstep.db.TargetsFile.save(f, replacing, spec), (targets, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      knownNames = targets.names();
      TargetEntry entry = new TargetEntry(targets.find(spec.name()).orElseThrow());
      if (editing != null) {
        typed.remove(editing.name());
        forget(editing);
        model.mutableEntries().set(model.entries().indexOf(editing), entry);
      } else {
        model.mutableEntries().add(entry);
      }
      if (password != null) {
        typed.put(spec.name(), password);
      }
      model.setFileProblem("");
      select(entry);
      done.complete(entry);
    });
    return done;
  }

  /** Removes {@code entry} from the targets file and the list (closing it); the sandbox becomes current. */
  public CompletableFuture<Void> remove(TargetEntry entry) {
    UiThread.check();
    Path f = file;
    CompletableFuture<Void> done = new CompletableFuture<>();
    edit(() -> backstep.db.TargetsFile.remove(f, entry.name()), (targets, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      knownNames = targets.names();
      typed.remove(entry.name());
      boolean wasCurrent = model.current() == entry;
      model.mutableEntries().remove(entry);
      forget(entry);
      if (wasCurrent && !model.entries().isEmpty()) {
        select(model.entries().get(0));
      }
      done.complete(null);
    });
    return done;
  }

  /** An edit of the targets file, run on the io thread; {@code then} hears of it on the FX thread. */
  private void edit(FileEdit edit, java.util.function.BiConsumer<Targets, Throwable> then) {
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return edit.run();
      } catch (java.io.IOException | InvalidFileException e) {
        throw new CompletionException(e);
      }
    }, io), then);
  }

  /** One edit of the targets file. */
  private interface FileEdit {
    Targets run() throws java.io.IOException, InvalidFileException;
  }

  /** Closes an entry's database (if open) off the FX thread. */
  private void forget(TargetEntry entry) {
    Database db = entry.database();
    entry.closed();
    if (db != null) {
      opened.remove(db);
      io.execute(db::close);
    }
  }

  /** Re-reads what the target's ledger says (never takes the run lock). */
  public CompletableFuture<TargetStatus> refreshStatus(TargetEntry entry) {
    Database db = entry.database();
    CompletableFuture<TargetStatus> done = new CompletableFuture<>();
    if (db == null) {
      done.complete(null);
      return done;
    }
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        return new StatusReader(db).status();
      } catch (EngineException e) {
        throw new CompletionException(e);
      }
    }, io), (st, error) -> {
      if (error != null) {
        entry.failed(Redact.text(error.getMessage()));
        opened.remove(db);
        io.execute(db::close);
        done.completeExceptionally(error);
        return;
      }
      if (entry.database() == db) {
        entry.status(st);
      }
      done.complete(st);
    });
    return done;
  }

  /** Closes every open database on a background thread; the returned future completes when all are closed. */
  public CompletableFuture<Void> closeAll() {
    closing = true;
    List<Database> all = new ArrayList<>(opened);
    opened.clear();
    model.entries().forEach(TargetEntry::closed);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      for (Database db : all) {
        try {
          db.close();
        } catch (RuntimeException ignored) {
          // closing anyway; the sandbox's own shutdown hook stops its server
        }
      }
      done.complete(null);
    }, "backstep-close");
    t.start();
    return done;
  }
}
