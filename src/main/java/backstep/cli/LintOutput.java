package backstep.cli;

import backstep.lint.Finding;
import backstep.lint.Linter;
import backstep.lint.Rule;
import backstep.lint.Severity;
import backstep.playbook.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code backstep lint}'s results as text for people, JSON for machines and JUnit XML for CI systems. */
final class LintOutput {
  private final List<LintCommand.Linted> all;
  private final Severity threshold;

  LintOutput(List<LintCommand.Linted> all, Severity threshold) {
    this.all = all;
    this.threshold = threshold;
  }

  /** Findings grouped by playbook and step, each with file:line, then what each rule that fired means. */
  void text(PrintWriter out) {
    TreeSet<Rule> fired = new TreeSet<>();
    for (LintCommand.Linted l : all) {
      if (l.invalid() != null) {
        l.invalid().problems().forEach(p -> out.println(p.format()));
        out.printf(Locale.ROOT, "✖ %s — %d problem(s); not linted%n", l.file(), l.invalid().problems().size());
        continue;
      }
      List<Finding> findings = l.report().findings();
      out.printf(Locale.ROOT,
          "%s %s — %s v%d: %s%s%n", l.report().fails(threshold) ? "✖" : "✔", l.file(), l.playbook().id(),
          l.playbook().version(), counts(l), l.report().suppressed().isEmpty() ? ""
              : ", " + l.report().suppressed().size() + " suppressed by lint: ignore");
      Map<String, List<Finding>> bySteps = findings.stream()
          .collect(Collectors.groupingBy(Finding::stepId, LinkedHashMap::new, Collectors.toList()));
      bySteps.forEach((step, list) -> {
        out.printf(Locale.ROOT,
            "  step %s (%s:%d)%n", step, l.file(), l.playbook().step(step).map(LintOutput::line).orElse(0));
        for (Finding f : list) {
          fired.add(f.rule());
          out.printf(Locale.ROOT,
              "    %s %-7s %s %s:%d%s %s%n", icon(f.severity()), f.severity().word(), f.rule().id(), l.file(),
              f.line(), f.dialect() == null ? "" : " [" + f.dialect().key() + "]", f.message());
          if (!f.statement().isEmpty()) {
            out.println("            " + f.statement());
          }
        }
      });
    }
    if (!fired.isEmpty()) {
      out.println();
      out.println("Rules (docs/lint-rules.md):");
      for (Rule r : fired) {
        out.printf(Locale.ROOT, "  %s %s (%s)%n    why: %s%n    instead: %s%n", r.id(), r.title(), r.severity().word(),
            r.explanation(), r.alternative());
      }
    }
  }

  Map<String, Object> json() {
    List<Map<String, Object>> playbooks = new ArrayList<>();
    for (LintCommand.Linted l : all) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", l.file().toString());
      e.put("valid", l.invalid() == null);
      if (l.invalid() != null) {
        e.put("problems", l.invalid().problems().stream().map(Problem::format).toList());
      } else {
        e.put("id", l.playbook().id());
        e.put("version", l.playbook().version());
        e.put("fails", l.report().fails(threshold));
        e.put("findings", l.report().findings().stream().map(f -> finding(l, f)).toList());
        e.put("suppressed", l.report().suppressed().stream().map(f -> finding(l, f)).toList());
      }
      playbooks.add(e);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("threshold", threshold.word());
    top.put("fails", all.stream().anyMatch(l -> l.invalid() != null || l.report().fails(threshold)));
    top.put("playbooks", playbooks);
    return top;
  }

  /** A suite per playbook, a case per sql step; a case fails on findings at or above the threshold. */
  String junit() {
    List<String> suites = new ArrayList<>();
    for (LintCommand.Linted l : all) {
      List<JUnitXml.Case> cases = new ArrayList<>();
      if (l.invalid() != null) {
        cases.add(new JUnitXml.Case(l.file().toString(), "valid", 0, l.invalid().problems().size()
            + " problem(s)", l.invalid().problems().stream().map(Problem::format).collect(Collectors.joining("\n"))));
        suites.add(JUnitXml.suite("backstep.lint." + l.file().getFileName(), 0, cases));
        continue;
      }
      l.playbook().steps().stream().filter(s -> s.kind().equals("sql")).forEach(s -> {
        List<Finding> failing = l.report().findings().stream()
            .filter(f -> f.stepId().equals(s.id()) && f.severity().atLeast(threshold)).toList();
        cases.add(new JUnitXml.Case(l.playbook().id(), s.id(), 0,
            failing.isEmpty() ? null : failing.size() + " finding(s): " + failing.get(0).oneLine(),
            failing.stream().map(f -> l.file() + ":" + f.line() + " " + f.oneLine())
                .collect(Collectors.joining("\n"))));
      });
      suites.add(JUnitXml.suite("backstep.lint." + l.playbook().id(), 0, cases));
    }
    return JUnitXml.suites(suites);
  }

  private static Map<String, Object> finding(LintCommand.Linted l, Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", f.rule().id());
    m.put("severity", f.severity().word());
    m.put("step", f.stepId());
    m.put("dialects", (f.dialect() == null ? Linter.dialects(l.playbook()) : Set.of(f.dialect())).stream()
        .map(d -> d.key()).toList());
    m.put("file", l.file().toString());
    m.put("line", f.line());
    m.put("statement", f.statement());
    m.put("message", f.message());
    m.put("explanation", f.rule().explanation());
    m.put("alternative", f.rule().alternative());
    return m;
  }

  private static String counts(LintCommand.Linted l) {
    if (l.report().findings().isEmpty()) {
      return "no findings";
    }
    return l.report().count(Severity.ERROR) + " error(s), " + l.report().count(Severity.WARNING) + " warning(s), "
        + l.report().count(Severity.INFO) + " info";
  }

  private static String icon(Severity s) {
    return switch (s) {
      case ERROR -> "✖";
      case WARNING -> "⚠";
      case INFO -> "ℹ";
    };
  }

  private static int line(backstep.playbook.Step s) {
    return s instanceof backstep.playbook.SqlStep q ? q.line() : 0;
  }
}
