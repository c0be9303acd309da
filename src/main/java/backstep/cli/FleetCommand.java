package backstep.cli;

import backstep.db.Database;
import backstep.db.ServerDatabases;
import backstep.engine.EngineException;
import backstep.fleet.Fleet;
import backstep.fleet.FleetGroup;
import backstep.fleet.FleetGroups;
import backstep.fleet.FleetState;
import backstep.fleet.FleetStore;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.lint.Severity;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "One playbook across a group of targets: preflight everywhere, canary, waves, all-or-none.",
    subcommands = {FleetCommand.Apply.class, FleetCommand.Worker.class, FleetCommand.Status.class,
        FleetCommand.Approve.class, FleetCommand.Rollback.class, FleetCommand.Resume.class,
        FleetCommand.History.class})
final class FleetCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /** What every fleet command shares: the targets file, and opening its central ledger and members. */
  abstract static class FleetBase extends BaseCommand {
    @Option(names = "--targets", paramLabel = "FILE",
        description = "Targets file with the groups (default: $BACKSTEP_TARGETS or ./targets.yaml).")
    Path targetsFile;

    TargetOptions targets() {
      TargetOptions t = new TargetOptions();
      t.targetsFile = targetsFile;
      return t;
    }

    FleetGroups groups() throws InvalidFileException {
      return FleetGroups.load(targets().targets());
    }

    /** The central ledger the file names with {@code ledger:} (where fleet runs live). */
    Database central() throws InvalidFileException, EngineException {
      backstep.db.Targets t = targets().targets();
      FleetGroups gs = groups();
      String name = gs.names().stream().map(g -> gs.find(g).orElseThrow().centralLedger()).findFirst()
          .orElse(t.names().stream().map(n -> t.find(n).orElseThrow().ledger()).filter(java.util.Objects::nonNull)
              .findFirst().orElse(null));
      if (name == null) {
        throw new EngineException(EngineException.INVALID, "the targets file " + targets().targetsPath()
            + " names no central ledger ('ledger: TARGET' at its top): fleets keep their runs there");
      }
      return targets().openNamed(name, err());
    }

    Fleet fleet(Database central, RunFlags flags) {
      TargetOptions t = targets();
      CliDecisions d = new CliDecisions(flags, RollbackCommand.operator(flags), err());
      return new Fleet(new FleetStore(central), m -> {
        try {
          return openMember(t, m);
        } catch (InvalidFileException e) {
          throw new EngineException(EngineException.INVALID, e.getMessage());
        }
      }, d, RollbackCommand.operator(flags), Clock.systemUTC(), line -> {
        synchronized (this) {
          err().println(line);
          err().flush();
        }
      });
    }

    /** A member: a target of the file, or {@code server/database} of a server group. */
    Database openMember(TargetOptions t, String member) throws InvalidFileException, EngineException {
      backstep.db.Targets file = t.targets();
      String server = ServerDatabases.serverOf(member);
      if (file.find(member).isPresent() || server == null || file.find(server).isEmpty()) {
        return t.openWithLedger(member, err());
      }
      return t.openWithLedger(ServerDatabases.member(file.find(server).get(), member.substring(server.length() + 1)),
          err());
    }

    /** A server group with the databases its server has now; any other group as it is. */
    FleetGroup listed(FleetGroup g) throws InvalidFileException, EngineException {
      if (!g.onServer()) {
        return g;
      }
      TargetOptions t = targets();
      backstep.db.Targets file = t.targets();
      String centralUrl = file.find(g.centralLedger()).map(backstep.db.TargetSpec::url).orElse("");
      try (Database server = t.openNamed(g.server(), err())) {
        backstep.db.TargetSpec spec = file.find(g.server()).orElseThrow();
        List<String> found = ServerDatabases.list(server, g.databases()).stream()
            .filter(d -> !ServerDatabases.member(spec, d).url().equals(centralUrl)).toList();
        return g.listed(found);
      } catch (SQLException e) {
        throw new EngineException(EngineException.UNAVAILABLE, "server '" + g.server() + "' of group '" + g.name()
            + "': cannot list its databases: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new EngineException(EngineException.INVALID, targets().targetsPath() + ": " + e.getMessage());
      }
    }

    static Duration lease(String text) throws EngineException {
      Matcher m = DURATION.matcher(text == null ? "" : text.strip());
      if (!m.matches()) {
        throw new EngineException(EngineException.INVALID, "--lease: expected a duration such as 500ms, 30s or 2m, "
            + "found '" + text + "'");
      }
      long v = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(v);
        case "s" -> Duration.ofSeconds(v);
        default -> Duration.ofMinutes(v);
      };
      if (d.toMillis() < 300) {
        throw new EngineException(EngineException.INVALID, "--lease: at least 300ms, not " + text);
      }
      return d;
    }

    static EngineException unavailable(SQLException e) {
      return new EngineException(EngineException.UNAVAILABLE, "central ledger: " + e.getMessage());
    }

    /** Prints a fleet run and its members; with {@code reconcile}, each member's run as its own ledger has it. */
    int print(FleetStore store, String id, boolean json, boolean reconcile, boolean rollback)
        throws SQLException, EngineException {
      FleetStore.FleetRun r = store.run(id).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "no fleet run '" + id + "' in the central ledger"));
      List<FleetStore.Member> members = store.members(id);
      Map<String, String> own = new LinkedHashMap<>();
      if (reconcile) {
        TargetOptions t = targets();
        for (FleetStore.Member m : members) {
          own.put(m.member(), ownState(t, m));
        }
      }
      List<FleetStore.Event> events = store.events(id);
      String chain = store.verifyChain(id).map(p -> "BROKEN: " + p).orElse("intact");
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fleet_run", r);
        out.put("members", members);
        out.put("member_ledgers", own);
        out.put("events", events.size());
        out.put("chain", chain);
        out().println(Json.pretty(out));
        return exit(r.state(), rollback);
      }
      out().printf(Locale.ROOT, "Fleet run %s of group '%s': playbook %s (sha256 %s) — %s%n", r.id(), r.group(),
          r.playbookId(), r.playbookSha256().substring(0, 12), r.state());
      out().printf(Locale.ROOT, "  failure budget %d, failures %d, wave size %d, concurrency %d, lint at %s, "
          + "operator %s, started %s%s%n", r.failureBudget(), r.failures(), r.waveSize(), r.concurrency(),
          r.severity(), r.operator(), r.startedAt(), r.endedAt() == null ? "" : ", ended " + r.endedAt());
      if (r.hold() != null) {
        out().println("  after the canary: " + r.hold().describe() + (r.canaryPassedAt() == null ? ""
            : " — passed " + r.canaryPassedAt()));
      }
      if (r.error() != null) {
        out().println("  " + r.error());
      }
      for (FleetStore.Member m : members) {
        out().printf(Locale.ROOT, "  %2d %-24s %-7s %-16s attempts %d  %s%n", m.ordinal(), m.member(),
            m.wave() == 0 ? "canary" : "wave " + m.wave(), m.state(), m.attempts(), m.changeId());
        if (m.preflight() != null) {
          out().println("       preflight: " + (m.preflightOk() ? "" : "FAILED: ") + m.preflight());
        }
        if (m.error() != null) {
          out().println("       error: " + m.error());
        }
        if (m.proof() != null) {
          out().println("       rollback: " + m.proof());
        }
        if (own.containsKey(m.member())) {
          out().println("       its own ledger: " + own.get(m.member()));
        }
      }
      out().printf(Locale.ROOT, "  %d event(s) in the central ledger, hash chain %s%n", events.size(), chain);
      return exit(r.state(), rollback);
    }

    /** The state of the member's run of this fleet in the member's own ledger, and whether it agrees. */
    private String ownState(TargetOptions t, FleetStore.Member m) {
      try (Database db = openMember(t, m.member())) {
        Ledger ledger = new Ledger(db);
        try (Connection c = ledger.connection()) {
          RunState found = ledger.exists(c) ? ledger.run(c, m.changeId()).map(RunRecord::state).orElse(null) : null;
          if (found == null) {
            return "no run " + m.changeId() + (m.state() == backstep.fleet.MemberState.NOT_STARTED
                || m.state() == backstep.fleet.MemberState.PENDING ? " (agrees: never touched)" : " (DISAGREES)");
          }
          boolean agrees = switch (m.state()) {
            case APPLIED -> found == RunState.APPLIED;
            case ROLLED_BACK -> found == RunState.ROLLED_BACK || found == RunState.ABORTED;
            case RUNNING, ROLLING_BACK -> true;
            default -> found != RunState.APPLIED;
          };
          return "run " + m.changeId() + " " + found + (agrees ? " (agrees)" : " (DISAGREES)");
        }
      } catch (EngineException | InvalidFileException | SQLException e) {
        return "cannot read: " + e.getMessage();
      }
    }

    /** 0 when the fleet run ended as asked: applied (or still under way) for apply, rolled back for rollback. */
    static int exit(FleetState s, boolean rollback) {
      return switch (s) {
        case APPLIED, RUNNING, ROLLING_BACK, PREFLIGHT, CANARY_OBSERVING, CANARY_GATE -> ExitCodes.OK;
        case ROLLED_BACK -> rollback ? ExitCodes.OK : ExitCodes.FAILED;
        default -> ExitCodes.FAILED;
      };
    }

    /** The fleet run named, or the newest one. */
    static String runId(FleetStore store, String id) throws SQLException, EngineException {
      if (id != null) {
        return id;
      }
      if (!store.exists()) {
        throw new EngineException(EngineException.INVALID, "no fleet run recorded in the central ledger yet");
      }
      return store.runs(null, 1).stream().findFirst().map(FleetStore.FleetRun::id).orElseThrow(() ->
          new EngineException(EngineException.INVALID, "no fleet run recorded in the central ledger yet"));
    }
  }

  /** What the commands that change members share: the lease, the run flags, acting on one fleet run. */
  abstract static class FleetWork extends FleetBase {
    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
        description = "How long a worker holds a member without renewing it (default: ${DEFAULT-VALUE}).")
    String lease;

    @Mixin
    RunFlags flags;

    interface OnRun {
      void act(Fleet fleet, FleetStore.FleetRun run, Duration lease) throws SQLException, EngineException;
    }

    /** Opens the central ledger, finds the fleet run (the newest when null), acts on it, prints it. */
    int onRun(String fleetRun, boolean rollback, OnRun body) throws InvalidFileException, EngineException {
      Duration d = lease(lease);
      try (Database central = central()) {
        Fleet fleet = fleet(central, flags);
        String id = runId(fleet.store(), fleetRun);
        FleetStore.FleetRun r = fleet.store().run(id).orElseThrow(() -> new EngineException(EngineException.INVALID,
            "no fleet run '" + id + "' in the central ledger"));
        body.act(fleet, r, d);
        return print(fleet.store(), id, flags.json, false, rollback);
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true, description = {"Preflight every member of --group, "
      + "then apply the playbook: canary first, then waves, at most the group's concurrency at once. A failure "
      + "beyond the failure budget rolls back every member that moved, newest first."})
  static final class Apply extends FleetWork {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group (targets.yaml groups:).")
    String group;

    @Option(names = "--workers", paramLabel = "N", description = "Workers in this process (default: the group's "
        + "concurrency; 0 with --detach).")
    Integer workers;

    @Option(names = "--severity", paramLabel = "error|warning|info", defaultValue = "error",
        description = "Preflight fails on lint findings at or above this severity (default: ${DEFAULT-VALUE}).")
    String severity;

    @Option(names = "--detach", description = "Preflight and queue the members, print the fleet run id and exit: "
        + "`backstep fleet worker` processes do the work.")
    boolean detach;

    @Override
    int run() throws InvalidFileException, EngineException {
      Severity threshold = Severity.fromWord(severity).orElseThrow(() -> new EngineException(
          EngineException.INVALID, "--severity: expected error, warning or info, found '" + severity + "'"));
      Duration d = lease(lease);
      FleetGroups gs = groups();
      FleetGroup g = listed(gs.find(group).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "unknown group '" + group + "' (groups in " + targets().targetsPath() + ": " + String.join(", ",
              gs.names()) + ")")));
      int n = workers == null ? (detach ? 0 : g.concurrency()) : workers;
      atLeast("--workers", n, detach ? 0 : 1);
      Playbook pb = load(playbook, targets());
      try (Database central = central()) {
        Fleet fleet = fleet(central, flags);
        String id = fleet.start(g, pb, threshold, Math.max(1, g.concurrency()));
        FleetStore.FleetRun r = fleet.store().run(id).orElseThrow();
        if (r.state() == FleetState.RUNNING && n > 0) {
          fleet.work(id, n, d);
        }
        if (detach && r.state() == FleetState.RUNNING && !flags.json) {
          out().println(id);
          return ExitCodes.OK;
        }
        int code = print(fleet.store(), id, flags.json, false, false);
        err().printf(Locale.ROOT, "central ledger queries: %d for %d member(s)%n", fleet.store().queries(),
            g.members().size());
        return code;
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  @Command(name = "worker", mixinStandardHelpOptions = true, description = {"Work on a fleet run until it is "
      + "settled: claim members from the central ledger's queue, apply them, roll back when the fleet turns. Run "
      + "as many as you like, on any machine that reaches the databases."})
  static final class Worker extends FleetWork {
    @Option(names = "--fleet-run", required = true, paramLabel = "ID", description = "The fleet run to work on.")
    String fleetRun;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
        description = "Worker threads in this process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Override
    int run() throws InvalidFileException, EngineException {
      atLeast("--workers", workers, 1);
      Duration d = lease(lease);
      try (Database central = central()) {
        Fleet fleet = fleet(central, flags);
        fleet.work(fleetRun, workers, d);
        FleetStore.FleetRun r = fleet.store().run(fleetRun).orElseThrow();
        int members = fleet.store().members(fleetRun).size();
        err().printf(Locale.ROOT, "worker done: fleet run %s is %s; central ledger queries by this process: %d "
            + "(%d member(s) in the fleet)%n", fleetRun, r.state(), fleet.store().queries(), members);
        return exit(r.state(), false);
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = {"A fleet run and every member's state, "
      + "preflight verdict, error and rollback proof, reconciled with each member's own ledger."})
  static final class Status extends FleetBase {
    @Option(names = "--fleet-run", paramLabel = "ID", description = "The fleet run (default: the newest).")
    String fleetRun;

    @Option(names = "--no-reconcile", description = "Do not connect to the members to compare with their ledgers.")
    boolean noReconcile;

    @Option(names = "--json", description = "Print the fleet run as JSON.")
    boolean json;

    @Override
    int run() throws InvalidFileException, EngineException {
      try (Database central = central()) {
        FleetStore store = new FleetStore(central);
        print(store, runId(store, fleetRun), json, !noReconcile, false);
        return ExitCodes.OK;
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = {"Let the waves start after the "
      + "canary of a fleet run waiting at its gate (the group's after_canary.gate, or a guard with action pause "
      + "that fired while the canary was observed). To undo the canary instead: `backstep fleet rollback`."})
  static final class Approve extends FleetBase {
    @Option(names = "--fleet-run", paramLabel = "ID", description = "The fleet run (default: the newest).")
    String fleetRun;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who approves (default: your OS user); for "
        + "a gate: approval, someone other than the fleet run's operator.")
    String operator;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the central ledger.")
    String reason;

    @Override
    int run() throws InvalidFileException, EngineException {
      RunFlags f = new RunFlags();
      f.operator = operator;
      try (Database central = central()) {
        Fleet fleet = fleet(central, f);
        String id = runId(fleet.store(), fleetRun);
        fleet.approveCanary(id, RollbackCommand.operator(f), reason);
        err().println("fleet run " + id + ": canary approved by " + RollbackCommand.operator(f) + "; the waves "
            + "start as soon as a worker is on it");
        return print(fleet.store(), id, false, false, false);
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, description = {"Roll back every member of a fleet "
      + "run that moved, newest first, each proven; running workers stop taking members."})
  static final class Rollback extends FleetWork {
    @Option(names = "--fleet-run", paramLabel = "ID", description = "The fleet run (default: the newest).")
    String fleetRun;

    @Override
    int run() throws InvalidFileException, EngineException {
      return onRun(fleetRun, true, (fleet, r, d) -> {
        if (!fleet.requestRollback(r.id(), "fleet rollback by " + RollbackCommand.operator(flags))) {
          err().println("fleet run " + r.id() + " is " + r.state() + ": nothing to roll back");
        } else {
          fleet.work(r.id(), 1, d);
        }
      });
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = {"Continue a fleet run whose workers all "
      + "stopped (crashed, killed): members held by an expired lease are re-checked by their own ledger first."})
  static final class Resume extends FleetWork {
    @Option(names = "--fleet-run", paramLabel = "ID", description = "The fleet run (default: the newest).")
    String fleetRun;

    @Option(names = "--workers", paramLabel = "N", description = "Workers in this process (default: the fleet "
        + "run's concurrency).")
    Integer workers;

    @Override
    int run() throws InvalidFileException, EngineException {
      return onRun(fleetRun, false, (fleet, r, d) -> {
        if (r.state().settled()) {
          err().println("fleet run " + r.id() + " is " + r.state() + ": nothing to resume");
          return;
        }
        int n = workers == null ? r.concurrency() : workers;
        atLeast("--workers", n, 1);
        fleet.work(r.id(), n, d);
      });
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Fleet runs, newest first.")
  static final class History extends FleetBase {
    @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's fleet runs.")
    String group;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
        description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run() throws InvalidFileException, EngineException {
      atLeast("--limit", limit, 1);
      try (Database central = central()) {
        FleetStore store = new FleetStore(central);
        if (!store.exists()) {
          out().println("no fleet run recorded in the central ledger yet");
          return ExitCodes.OK;
        }
        for (FleetStore.FleetRun r : store.runs(group, limit)) {
          List<FleetStore.Member> ms = store.members(r.id());
          Map<String, Long> counts = new java.util.TreeMap<>();
          ms.forEach(m -> counts.merge(m.state().name(), 1L, Long::sum));
          out().printf(Locale.ROOT, "%s  %-22s %-12s %-20s %s  %s%n", r.startedAt(), r.id(), r.group(),
              r.playbookId(), r.state(), counts);
        }
        return ExitCodes.OK;
      } catch (SQLException e) {
        throw unavailable(e);
      }
    }
  }
}
