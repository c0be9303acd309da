package backstep.cli;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A target opened on a thread of its own while the command reads its files: a history's 25 playbooks parse on one
 * core while the connection pool, the driver and the first connection's handshake take the other
 * (docs/performance.md, "A whole history"). Only where opening asks nothing of the user and prints nothing: a
 * target whose password, if any, is in the environment, not the sandbox, no central ledger. Anything else opens
 * when the files are read, as before. What the user sees does not change: an invalid file is reported as such
 * (the opened target is closed unused, its failure unsaid), and a target that cannot be opened fails the command
 * only after its files were found valid.
 */
final class EarlyTarget {
  private final TargetOptions target;
  private final PrintWriter err;
  private final CompletableFuture<Database> opening;

  private EarlyTarget(TargetOptions target, PrintWriter err, CompletableFuture<Database> opening) {
    this.target = target;
    this.err = err;
    this.opening = opening;
  }

  /** Starts opening {@code target} now if that is silent (see above); otherwise {@link #get} opens it. */
  static EarlyTarget start(TargetOptions target, PrintWriter err) {
    if (!silent(target)) {
      return new EarlyTarget(target, err, null);
    }
    CompletableFuture<Database> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(target.open(err));
      } catch (Throwable e) { // handed to the caller by get(), or dropped with the target by discard()
        f.completeExceptionally(e);
      }
    }, "backstep-open");
    t.setDaemon(true);
    t.start();
    return new EarlyTarget(target, err, f);
  }

  /** Whether opening the target can neither prompt nor print: else it waits until the files are read. */
  static boolean silent(TargetOptions target) {
    if (target == null || target.fresh) {
      return false;
    }
    TargetSpec spec;
    try {
      spec = target.spec();
    } catch (InvalidFileException | EngineException | RuntimeException e) {
      return false; // said in its place, when the target is opened after the files are read
    }
    return !spec.isSandbox() && spec.ledger() == null
        && (spec.passwordEnv() == null || System.getenv(spec.passwordEnv()) != null);
  }

  /** The opened target (waiting for it), or opens it now; its failure as opening it here would have failed. */
  Database get() throws InvalidFileException, EngineException {
    if (opening == null) {
      return target.open(err);
    }
    try {
      return joined();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof InvalidFileException i) {
        throw i;
      }
      if (c instanceof EngineException x) {
        throw x;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(c);
    }
  }

  /** The files were not valid: the target, if it was opened early, is closed unused and any failure dropped. */
  void discard() {
    if (opening == null) {
      return;
    }
    try {
      joined().close();
    } catch (ExecutionException e) {
      backstep.db.DebugLog.ignored(EarlyTarget.class, "the files were invalid; the target is not needed", e);
    }
  }

  private Database joined() throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return opening.get();
        } catch (InterruptedException e) {
          interrupted = true; // the open is short and bounded by the pool's timeout: wait it out
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
