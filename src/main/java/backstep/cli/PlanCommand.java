package backstep.cli;

import backstep.engine.EngineException;
import backstep.playbook.DialectFamily;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import backstep.playbook.Verify;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show what a playbook would run, in order, with its guards and rollback "
    + "(connects to nothing).")
final class PlanCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PLAYBOOK")
  Path playbook;

  @Mixin
  TargetOptions target;

  @Option(names = "--dialect", paramLabel = "postgresql|mysql", description = "SQL family (default: the target's).")
  String dialect;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    Playbook pb = load(playbook, target);
    DialectFamily family = family();
    if (!pb.dialects().contains(family)) {
      throw new EngineException(EngineException.INVALID, "playbook '" + pb.id() + "' has no " + family.key()
          + " variant for every step (it supports: " + String.join(", ", pb.dialects().stream()
          .map(DialectFamily::key).toList()) + ")");
    }
    boolean txDdl = family == DialectFamily.POSTGRESQL;
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      steps.add(describe(i, pb.steps().get(i), family, txDdl));
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("playbook", pb.id());
      m.put("version", pb.version());
      m.put("sha256", pb.sha256());
      m.put("dialect", family.key());
      m.put("steps", steps);
      out().println(Json.pretty(m));
      return ExitCodes.OK;
    }
    PrintWriter o = out();
    o.printf(Locale.ROOT, "Plan: %s v%d — %s (%s)%n", pb.id(), pb.version(), pb.title(), family.key());
    o.println("Intent: " + pb.intent().strip());
    for (Map<String, Object> s : steps) {
      o.printf(Locale.ROOT, "%n%s. %s [%s] %s%n", s.get("number"), s.get("id"), s.get("kind"), s.get("title"));
      for (Map.Entry<String, Object> e : s.entrySet()) {
        if (List.of("number", "id", "kind", "title").contains(e.getKey())) {
          continue;
        }
        String v = String.valueOf(e.getValue());
        if (v.contains("\n")) {
          o.println("   " + e.getKey() + ":");
          v.lines().forEach(l -> o.println("      " + l));
        } else {
          o.println("   " + e.getKey() + ": " + v);
        }
      }
    }
    return ExitCodes.OK;
  }

  private DialectFamily family() throws InvalidFileException, EngineException {
    if (dialect != null) {
      return DialectFamily.fromKey(dialect).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "--dialect: use postgresql or mysql"));
    }
    return target.family();
  }

  private static Map<String, Object> describe(int i, Step step, DialectFamily f, boolean txDdl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", i + 1);
    m.put("id", step.id());
    m.put("kind", step.kind());
    m.put("title", step.title());
    if (!step.intent().isBlank()) {
      m.put("intent", step.intent().strip());
    }
    if (step instanceof SqlStep s) {
      m.put("runs", s.runsInOneTransaction(f, txDdl) ? "in one transaction with its verify and ledger rows"
          : "statement by statement, each committed and recorded");
      m.put("forward", s.forward().display(f));
      m.put("rollback", s.rollback().display(f));
      m.put("verify", verifies(s.verify(), f));
      if (!s.verifyRollback().isEmpty()) {
        m.put("verify_rollback", verifies(s.verifyRollback(), f));
      }
      m.put("guards", s.guards().describe());
    } else if (step instanceof ManualStep s) {
      m.put("instruction", s.instruction().strip());
      if (!s.rollbackInstruction().isBlank()) {
        m.put("rollback_instruction", s.rollbackInstruction().strip());
      }
    } else if (step instanceof FlagStep s) {
      m.put("flag", s.table() + "." + s.flag() + " → " + s.value() + " (rollback restores the value found)");
    } else if (step instanceof backstep.playbook.ObserveStep s) {
      m.put("observe", s.describe());
    } else if (step instanceof GateStep s) {
      m.put("prompt", s.prompt());
      m.put("approval", s.approval() ? "a second person must approve" : "confirmation");
    }
    return m;
  }

  private static String verifies(List<Verify> vs, DialectFamily f) {
    StringBuilder b = new StringBuilder();
    for (Verify v : vs) {
      SqlText.Stmt st = v.sql().statements(f).get(0);
      b.append(st.sql().replaceAll("\\s+", " ")).append("  → expect ").append(v.expect().describe()).append('\n');
    }
    return b.toString().stripTrailing();
  }
}
