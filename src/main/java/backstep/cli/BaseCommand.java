package backstep.cli;

import backstep.db.LedgerKey;
import backstep.db.Redact;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.ledger.ChainVerdict;
import backstep.ledger.Ledger;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing: the command's own writers, playbook loading with positioned errors, exit codes. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() {
    try {
      OptionText.check(spec.commandLine().getParseResult());
      return run();
    } catch (InvalidFileException e) {
      e.problems().forEach(p -> err().println(p.format()));
      err().println(e.problems().size() + " problem(s) in " + e.file() + "; nothing was changed.");
      return ExitCodes.INVALID;
    } catch (EngineException e) {
      err().println("backstep: " + Redact.text(e.getMessage()));
      return e.exitCode();
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int run() throws InvalidFileException, EngineException;

  /** Refuses a number option below {@code min} (exit 2) before anything connects. */
  static void atLeast(String option, long value, long min) throws EngineException {
    if (value < min) {
      throw new EngineException(EngineException.INVALID, option + ": must be " + min + " or more, not " + value);
    }
  }

  static Playbook load(Path file, TargetOptions targets) throws InvalidFileException {
    return new PlaybookLoader(targets == null ? null : targets.targets().names()).load(file);
  }

  /** The playbook files named, folders expanded to their {@code .yaml}/{@code .yml} files in name order. */
  static List<Path> playbookFiles(List<Path> paths) throws EngineException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (backstep.history.HistoryLoader.isHistory(p)) {
        try {
          out.addAll(backstep.history.HistoryLoader.listed(p));
        } catch (InvalidFileException e) {
          throw new EngineException(EngineException.INVALID, e.getMessage() + "\n" + e.problems().size()
              + " problem(s) in " + e.file() + "; nothing was changed.");
        }
      } else if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new EngineException(EngineException.INVALID, "cannot list " + p + ": " + e.getMessage());
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Runs engine work on one worker thread (the CLI waits for it; the console would not). */
  static <T> T withEngine(EngineWork<T> work) throws EngineException, InvalidFileException {
    ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "backstep-engine");
      t.setDaemon(true);
      return t;
    });
    try {
      return work.run(new Engine(Clock.systemUTC(), Sleeper.REAL, ex));
    } finally {
      ex.shutdown();
    }
  }

  interface EngineWork<T> {
    T run(Engine engine) throws EngineException, InvalidFileException;
  }

  /** Reads a target's ledger (where it lives: the target or its central ledger). */
  interface LedgerRead {
    int run(backstep.db.Database db, backstep.ledger.Ledger ledger, java.sql.Connection c)
        throws java.sql.SQLException, EngineException;
  }

  /** Opens the target and its ledger; prints {@code empty} and exits 0 when the target has no ledger yet. */
  int readLedger(TargetOptions target, String empty, LedgerRead body) throws InvalidFileException, EngineException {
    try (backstep.db.Database db = target.open(err())) {
      backstep.ledger.Ledger ledger = new backstep.ledger.Ledger(db);
      try (java.sql.Connection c = ledger.connection()) {
        if (!ledger.exists(c)) {
          out().println(empty.replace("{target}", db.spec().name()));
          return ExitCodes.OK;
        }
        return body.run(db, ledger, c);
      }
    } catch (java.sql.SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the ledger: " + e.getMessage());
    }
  }

  /** What a command does with one run's ledger rows and the check of the target's hash chain. */
  interface RunRead {
    int run(backstep.ledger.LedgerReader.RunDetail run, backstep.ledger.Ledger.ChainCheck chain)
        throws EngineException;
  }

  /** Opens the target, reads one run (id or change id) and the chain check from its ledger, and hands them over. */
  int readRun(TargetOptions target, String runId, RunRead body) throws InvalidFileException, EngineException {
    try (backstep.db.Database db = target.open(err())) {
      backstep.ledger.LedgerReader reader = new backstep.ledger.LedgerReader(db);
      return body.run(reader.run(runId), reader.verifyChain());
    } catch (backstep.ledger.LedgerException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    }
  }

  /**
   * The exit code of a command that wrote its output about chain {@code c} ({@link ExitCodes#chain}); on an
   * unchecked chain it says on standard error why it ends with 2 although its output was written.
   */
  int chainExit(Ledger.ChainCheck c) {
    if (c.verdict() == ChainVerdict.UNCHECKED) {
      err().println("backstep: exit 2: the ledger's hash chain is unchecked (no key): " + c.unchecked() + " of "
          + c.events() + " events are keyed and were not checked; give the ledger key ("
          + LedgerKey.ENV + ", --ledger-key-file or ledger_key_file: in targets.yaml) to check them, "
          + "as `audit verify` does");
    }
    return ExitCodes.chain(c);
  }

  /** Prints {@code text}, or writes it to {@code file} and says so on standard error. */
  void emit(String text, Path file, String what) throws EngineException {
    if (file == null) {
      out().println(text);
      return;
    }
    try {
      java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new EngineException(EngineException.INVALID, "cannot write " + file + ": " + e.getMessage());
    }
    err().println(what + " written to " + file);
  }

  void print(RunResult r, boolean json) {
    if (json) {
      out().println(Json.pretty(r));
    } else {
      Printer.run(out(), r);
    }
  }

  static int exitCode(RunResult r, boolean pausedOnPurpose) {
    if (r.different()) {
      return ExitCodes.FAILED; // a rollback that left differences from the fingerprint taken before is no success
    }
    return switch (r.state()) {
      case APPLIED, ROLLED_BACK -> ExitCodes.OK;
      case PAUSED -> pausedOnPurpose ? ExitCodes.OK : ExitCodes.DECLINED;
      case RUNNING, ROLLING_BACK, PENDING -> ExitCodes.INTERNAL;
      default -> ExitCodes.FAILED;
    };
  }

  static boolean settled(RunState s) {
    return s.settled();
  }
}
