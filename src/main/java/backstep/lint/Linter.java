package backstep.lint;

import backstep.playbook.DialectFamily;
import backstep.playbook.LintIgnore;
import backstep.playbook.Playbook;
import backstep.playbook.RollbackMode;
import backstep.playbook.SnapshotStep;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lints a validated playbook: every sql step's forward and rollback SQL, for every dialect the playbook has SQL
 * for, against the rules in {@link Rule}. Pure and quick: no database, safe to call from any thread.
 */
public final class Linter {
  private static final List<Check> CHECKS = List.of(new DataLossCheck(), new MirrorCheck(), new LockCheck(),
      new LockTimeoutCheck(), new RewriteCheck(), new ChangeCheck(), ForeignKeyBypass::check,
      new RollbackDataCheck(), new ProofCheck());
  /** The checks that still apply to a step without rollback: the ones about forward alone. */
  private static final List<Check> ROLLBACK_FREE = List.of(new LockCheck(), new LockTimeoutCheck(),
      new RewriteCheck(), new ChangeCheck(), ForeignKeyBypass::check, new ProofCheck());

  /** The findings a playbook's {@code lint: ignore} sections leave out, and the ones they keep. */
  public record Report(List<Finding> findings, List<Finding> suppressed) {
    public long count(Severity s) {
      return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** Whether any finding is at or above {@code threshold}. */
    public boolean fails(Severity threshold) {
      return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
  }

  private Linter() {}

  /** The findings for a playbook, in step order, without those its steps' {@code lint: ignore} suppress. */
  public static List<Finding> lint(Playbook playbook) {
    return report(playbook).findings();
  }

  /** The dialects a playbook has SQL for in any step: what it is linted for (a finding without a dialect: all). */
  public static Set<DialectFamily> dialects(Playbook playbook) {
    Set<DialectFamily> families = EnumSet.noneOf(DialectFamily.class);
    playbook.steps().stream().filter(SqlStep.class::isInstance)
        .forEach(s -> families.addAll(((SqlStep) s).forward().families()));
    return families;
  }

  public static Report report(Playbook playbook) {
    Set<DialectFamily> families = dialects(playbook);
    Map<Finding, Set<DialectFamily>> seen = new LinkedHashMap<>();
    for (DialectFamily f : families) {
      for (Finding finding : lint(playbook, f)) {
        seen.computeIfAbsent(finding.forAllDialects(), k -> EnumSet.noneOf(DialectFamily.class)).add(f);
      }
    }
    List<Finding> kept = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    seen.forEach((shared, in) -> {
      Finding one = in.size() == families.size() && families.size() > 1 ? shared
          : new Finding(shared.rule(), shared.stepId(), in.iterator().next(), shared.line(), shared.statement(),
              shared.message());
      List<Finding> into = ignored(playbook, one) ? suppressed : kept;
      if (one.dialect() == null || in.size() == 1) {
        into.add(one);
      } else {
        in.forEach(f -> into.add(new Finding(one.rule(), one.stepId(), f, one.line(), one.statement(), one.message())));
      }
    });
    Comparator<Finding> order = Comparator.<Finding>comparingInt(x -> playbook.indexOf(x.stepId()))
        .thenComparingInt(Finding::line).thenComparing(x -> x.rule().id());
    kept.sort(order);
    suppressed.sort(order);
    return new Report(List.copyOf(kept), List.copyOf(suppressed));
  }

  private static boolean ignored(Playbook playbook, Finding f) {
    LintIgnore ignore = playbook.lintIgnores().get(f.stepId());
    return ignore != null && ignore.ignores(f.rule().id());
  }

  private static List<Finding> lint(Playbook playbook, DialectFamily family) {
    List<Timeline.Entry> entries = new ArrayList<>();
    // each SQL step with its forward statements, in order (a list, not a map keyed by the step: hashing a step
    // record hashes all its SQL and guards, and its first call bootstraps the record's hashCode)
    List<Map.Entry<SqlStep, List<Timeline.Entry>>> forward = new ArrayList<>();
    List<Step> steps = playbook.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s instanceof SnapshotStep snap) {
        entries.add(new Timeline.Entry(entries.size(), i, snap, null));
      } else if (s instanceof SqlStep sql) {
        List<Timeline.Entry> mine = new ArrayList<>();
        for (SqlText.Stmt st : sql.forward().statements(family)) {
          Timeline.Entry e = new Timeline.Entry(entries.size(), i, null, StatementReader.read(st));
          entries.add(e);
          mine.add(e);
        }
        forward.add(Map.entry(sql, mine));
      }
    }
    Timeline timeline = new Timeline(entries);
    List<Finding> out = new ArrayList<>();
    forward.forEach(stepAndMine -> {
      SqlStep step = stepAndMine.getKey();
      List<Timeline.Entry> mine = stepAndMine.getValue();
      List<Parsed> rollback = step.rollback().statements(family).stream().map(StatementReader::read).toList();
      StepContext c = new StepContext(step, family, timeline, mine, rollback, out);
      mine.stream().map(Timeline.Entry::parsed).forEach(p -> unparsed(c, p));
      rollback.forEach(p -> unparsed(c, p));
      if (step.rollbackMode() == RollbackMode.NONE) {
        ROLLBACK_FREE.forEach(check -> check.check(c)); // BS017 says it all about the missing way back
      } else {
        CHECKS.forEach(check -> check.check(c));
      }
    });
    return out;
  }

  private static void unparsed(StepContext c, Parsed p) {
    if (!p.parsed()) {
      String why = p.error().length() > 100 ? p.error().substring(0, 99) + "…" : p.error();
      c.report(Rule.BS000, p, "could not parse, not checked (" + why + ")");
    }
  }
}
