package backstep.engine;

import backstep.db.Database;
import backstep.db.TargetUnavailableException;
import backstep.history.History;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.playbook.Playbook;
import backstep.playbook.RollbackMode;
import backstep.playbook.SqlSplitter;
import backstep.playbook.SqlStep;
import backstep.state.RunState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Proves every down script of a history on one scratch database, in order: for each migration, apply it,
 * fingerprint, roll it back, require the fingerprint taken before it, apply it again and require the fingerprint
 * taken after the first apply. A migration whose down does not restore what its up changed is named, with the
 * differences in words, and the rehearsal goes on from the state the history should be in: when a down failed or
 * left differences, the scratch database is rebuilt by applying the ups in order on a fresh one (so cost stays
 * linear in the number of migrations unless downs are broken).
 */
public final class HistoryRehearsal {
  /** What happened to one migration. */
  public enum Verdict {
    /** Up, down and up again ran; the down restored the fingerprint before the up exactly. */
    PROVEN(true, "down proven"),
    /** The down ran but left differences from the state before the up. */
    DOWN_DIFFERS(false, "down does not restore"),
    /** The down failed with an error. */
    DOWN_FAILED(false, "down failed"),
    /** The migration has no down ({@code rollback_mode: none}). */
    NO_DOWN(false, "no down script"),
    /** After the down, the up ran again but did not end in the state of its first run. */
    UP_AGAIN_DIFFERS(false, "up again differs"),
    /** A repeatable migration: applied, never undone (the source tool has no undo for it). */
    REPEATABLE(true, "repeatable, not undone"),
    /** Applied without rehearsal: before {@code --from}. */
    SETUP(true, "applied as set-up (before --from)"),
    /** The up failed: the history cannot go on. */
    UP_FAILED(false, "up failed"),
    /** Not reached: after {@code --to}, or after an up that failed. */
    NOT_RUN(true, "not run");

    private final boolean passed;
    private final String words;

    Verdict(boolean passed, String words) {
      this.passed = passed;
      this.words = words;
    }

    public boolean passed() {
      return passed;
    }

    public String words() {
      return words;
    }
  }

  /** One migration's outcome; {@code differences} in words, {@code error} the database's own message. */
  public record Item(int index, String migration, String playbookId, String file, Verdict verdict, String detail,
      List<String> differences, Duration took) {
    public Item {
      differences = List.copyOf(differences);
    }

    public boolean passed() {
      return verdict.passed();
    }
  }

  /** The whole rehearsal. */
  public record Report(String history, int migrations, String server, String scratch, boolean passed,
      List<Item> items, int rebuilds, String error, Duration took) {
    public Report {
      items = List.copyOf(items);
    }

    /** The migrations whose down is broken (or missing), in history order. */
    public List<Item> broken() {
      return items.stream().filter(i -> !i.passed()).toList();
    }
  }

  private final Engine engine;
  private final Clock clock;

  public HistoryRehearsal(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Rehearses migrations {@code from}..{@code to} (indexes, inclusive) of {@code h} on a scratch database of
   * {@code server}'s server, seeded with {@code seedSql} (null: empty); migrations before {@code from} are applied
   * first, unrehearsed. The scratch database is always dropped.
   */
  public Report run(Database server, History h, int from, int to, String seedSql, RunListener l)
      throws EngineException {
    for (Playbook pb : h.migrations()) {
      Engine.checkDialect(pb, server);
    }
    Instant t0 = clock.instant();
    Scratch s = new Scratch(server, seedSql, l);
    List<Item> items = new ArrayList<>();
    String error = null;
    try {
      s.open();
      Fingerprint before = fingerprint(s.db, l);
      for (int i = 0; i < h.migrations().size(); i++) {
        Playbook pb = h.migrations().get(i);
        if (i > to) {
          items.add(item(i, pb, Verdict.NOT_RUN, "after --to", List.of(), Duration.ZERO));
          continue;
        }
        if (error != null) {
          items.add(item(i, pb, Verdict.NOT_RUN, "not reached: an earlier up failed", List.of(), Duration.ZERO));
          continue;
        }
        l.note("rehearsing " + History.name(pb) + " (" + (i + 1) + " of " + h.migrations().size() + ")");
        Step step = i < from ? setup(s, pb, i) : rehearse(s, h, pb, i, before);
        items.add(step.item);
        if (step.item.verdict() == Verdict.UP_FAILED) {
          error = "migration " + History.name(pb) + ": up failed: " + step.item.detail();
        }
        before = step.after;
      }
    } catch (EngineException e) {
      error = e.getMessage();
    } finally {
      s.close();
    }
    boolean passed = error == null && items.stream().allMatch(Item::passed);
    return new Report(h.id(), h.migrations().size(), server.spec().name() + " (" + server.dialect().displayName()
        + " " + server.serverVersion() + ")", s.names.get(0), passed, items, s.names.size() - 1, error,
        Duration.between(t0, clock.instant()));
  }

  /** A migration's item and the fingerprint of the state the history is in after it. */
  private record Step(Item item, Fingerprint after) {}

  private Step setup(Scratch s, Playbook pb, int i) throws EngineException {
    Instant t = clock.instant();
    RunResult r = apply(s.db, pb, l(s));
    if (r.state() != RunState.APPLIED) {
      return new Step(item(i, pb, Verdict.UP_FAILED, words(r), List.of(), since(t)), null);
    }
    return new Step(item(i, pb, Verdict.SETUP, "applied", List.of(), since(t)), fingerprint(s.db, l(s)));
  }

  private Step rehearse(Scratch s, History h, Playbook pb, int i, Fingerprint before) throws EngineException {
    Instant t = clock.instant();
    RunListener l = l(s);
    RunResult up = apply(s.db, pb, l);
    if (up.state() != RunState.APPLIED) {
      return new Step(item(i, pb, Verdict.UP_FAILED, words(up), List.of(), since(t)), null);
    }
    Fingerprint afterUp = fingerprint(s.db, l);
    List<String> upEffect = Fingerprint.compare(before, afterUp).stream().map(Difference::effect).toList();
    if (pb.origin().repeatable()) {
      return new Step(item(i, pb, Verdict.REPEATABLE, "applied; " + effect(upEffect), List.of(), since(t)),
          afterUp);
    }
    if (noDown(pb)) {
      return new Step(item(i, pb, Verdict.NO_DOWN, "the source has no down for it (rollback_mode: none); up "
          + effect(upEffect), List.of(), since(t)), afterUp);
    }
    RunResult down = Engine.join(engine.rollback(s.db, pb, options(up.runId()), Rehearsal.approveAll(), l));
    if (down.state() != RunState.ROLLED_BACK) {
      String why = down.error() != null ? down.error() : down.steps().stream().filter(x -> x.error() != null)
          .map(StepResult::error).findFirst().orElse(down.state().words());
      s.rebuild(h, i);
      return new Step(item(i, pb, Verdict.DOWN_FAILED, why, List.of(), since(t)), fingerprint(s.db, l(s)));
    }
    Fingerprint afterDown = fingerprint(s.db, l);
    List<Difference> all = Fingerprint.compare(before, afterDown);
    List<String> residue = all.stream().filter(d -> !columnOrder(d)).map(HistoryRehearsal::residue).toList();
    List<String> notes = all.stream().filter(HistoryRehearsal::columnOrder).map(Difference::describe).toList();
    if (!residue.isEmpty()) {
      s.rebuild(h, i);
      return new Step(item(i, pb, Verdict.DOWN_DIFFERS, residue.size() + " difference(s) from before the up, "
          + "which " + effect(upEffect), residue, since(t)), fingerprint(s.db, l(s)));
    }
    RunResult again = apply(s.db, pb, l);
    if (again.state() != RunState.APPLIED) {
      s.rebuild(h, i);
      return new Step(item(i, pb, Verdict.UP_AGAIN_DIFFERS, "up after down: " + words(again), List.of(),
          since(t)), fingerprint(s.db, l(s)));
    }
    Fingerprint afterAgain = fingerprint(s.db, l);
    List<Difference> again2 = Fingerprint.compare(afterUp, afterAgain).stream().filter(d -> !columnOrder(d)).toList();
    List<String> drift = again2.stream().filter(d -> d.kind() != Difference.Kind.DATA).map(Difference::describe)
        .toList();
    // rows the up writes again may differ from its first run (keys from a sequence, now()): shown, not held
    // against the down, which was proven against the state before the up
    List<String> valuesAgain = again2.stream().filter(d -> d.kind() == Difference.Kind.DATA)
        .map(d -> "up again wrote other values: " + d.describe()).toList();
    if (!drift.isEmpty()) {
      s.rebuild(h, i);
      return new Step(item(i, pb, Verdict.UP_AGAIN_DIFFERS, drift.size() + " difference(s) between the first up "
          + "and the up after the down", drift, since(t)), fingerprint(s.db, l(s)));
    }
    List<String> shown = new java.util.ArrayList<>(notes);
    shown.addAll(valuesAgain);
    return new Step(item(i, pb, Verdict.PROVEN, "up " + effect(upEffect) + "; down restored it" + (notes.isEmpty()
        ? " exactly" : ", column order aside") + "; up again " + (valuesAgain.isEmpty() ? "equal"
        : "equal in schema, other values"), shown, since(t)), afterAgain);
  }

  /** A difference between the state before the up and after the down, read as what the down left. */
  static String residue(Difference d) {
    String noun = d.kind().noun() + " " + d.object();
    return switch (d.change()) {
      case Difference.UNEXPECTED -> "left behind: " + noun;
      case Difference.MISSING -> "not restored: " + noun;
      default -> d.describe();
    };
  }

  /**
   * A column that comes back last after a drop and re-add: PostgreSQL cannot put it back in place, and row
   * checksums read columns by name, so it is shown but not held against the down.
   */
  static boolean columnOrder(Difference d) {
    return d.kind() == Difference.Kind.TABLE && "column order".equals(d.change());
  }

  private static boolean noDown(Playbook pb) {
    return pb.steps().stream().anyMatch(st -> st instanceof SqlStep q && q.rollbackMode() == RollbackMode.NONE);
  }

  private static String effect(List<String> changes) {
    if (changes.isEmpty()) {
      return "changed nothing the fingerprint sees";
    }
    String shown = String.join("; ", changes.size() > 3 ? changes.subList(0, 3) : changes);
    return shown + (changes.size() > 3 ? " and " + (changes.size() - 3) + " more" : "");
  }

  private static String words(RunResult r) {
    String err = r.error() != null ? r.error() : r.steps().stream().filter(x -> x.error() != null)
        .map(StepResult::error).findFirst().orElse(null);
    return r.state().words() + (err == null ? "" : ": " + err);
  }

  private Item item(int i, Playbook pb, Verdict v, String detail, List<String> diffs, Duration took) {
    return new Item(i, History.name(pb), pb.id(), pb.origin().file(), v, detail, diffs, took);
  }

  private RunResult apply(Database db, Playbook pb, RunListener l) throws EngineException {
    return Engine.join(engine.apply(db, pb, options(null), Rehearsal.approveAll(), l));
  }

  /** The rehearsal fingerprints the scratch database itself, so the engine's own fingerprints are not taken. */
  private static RunOptions options(String runId) {
    return new RunOptions("rehearsal", "rehearsal", null, runId, null).withFingerprints(false);
  }

  private static RunListener l(Scratch s) {
    return s.listener;
  }

  private static Fingerprint fingerprint(Database db, RunListener l) throws EngineException {
    return Rehearsal.fingerprint(db, l);
  }

  private Duration since(Instant t) {
    return Duration.between(t, clock.instant());
  }

  /** The scratch database, which a broken down makes the rehearsal replace by a fresh one brought up to date. */
  private final class Scratch {
    final Database server;
    final String seedSql;
    final RunListener listener;
    final List<String> names = new ArrayList<>();
    Database db;

    Scratch(Database server, String seedSql, RunListener listener) {
      this.server = server;
      this.seedSql = seedSql;
      this.listener = listener;
    }

    void open() throws EngineException {
      String name = "bs_history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      try {
        db = server.createScratch(name);
      } catch (TargetUnavailableException e) {
        throw new EngineException(EngineException.UNAVAILABLE, e.getMessage());
      }
      names.add(name);
      if (seedSql != null) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
          for (SqlSplitter.Statement x : SqlSplitter.split(seedSql, db.dialect().family())) {
            st.execute(x.sql());
          }
        } catch (SQLException | IllegalArgumentException e) {
          throw new EngineException(EngineException.INVALID, "seeding the scratch database failed: "
              + (e instanceof SQLException q ? RunSession.dbMessage(q) : e.getMessage()));
        }
      }
    }

    /** Drops the scratch database and brings a fresh one to the state after migration {@code upTo}. */
    void rebuild(History h, int upTo) throws EngineException {
      listener.note("rebuilding the scratch database up to " + History.name(h.migrations().get(upTo))
          + " (a down did not restore the state before its up)");
      close();
      open();
      for (int k = 0; k <= upTo; k++) {
        RunResult r = apply(db, h.migrations().get(k), listener);
        if (r.state() != RunState.APPLIED) {
          throw new EngineException(EngineException.FAILED, "rebuilding the scratch database: migration "
              + History.name(h.migrations().get(k)) + " did not apply again: " + words(r));
        }
      }
    }

    void close() {
      if (db == null) {
        return;
      }
      try {
        server.dropScratch(db);
      } catch (SQLException e) {
        listener.note("could not drop scratch database " + names.get(names.size() - 1) + ": " + e.getMessage());
      }
      db = null;
    }
  }
}
