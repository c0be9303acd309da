package backstep.cli;

import backstep.engine.Rehearsal;
import java.util.List;
import java.util.Locale;

/**
 * Results as JUnit XML, for CI systems: a rehearsal is one suite with a case per phase; a lint run is a suite per
 * playbook with a case per step.
 */
final class JUnitXml {
  private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  /** One test case; {@code failure} is null when it passed. */
  record Case(String classname, String name, double seconds, String failure, String detail) {}

  private JUnitXml() {}

  static String of(Rehearsal.Report r) {
    List<Case> cases = r.phases().stream().map(p -> new Case(r.playbookId(), p.name(), p.took().toMillis() / 1000.0,
        p.passed() ? null : p.detail(), String.join("\n", p.differences()))).toList();
    return HEADER + suite("backstep.rehearse." + r.playbookId(), r.took().toMillis() / 1000.0, cases);
  }

  /** A history rehearsal: one case per migration; a broken down is a failure with its differences. */
  static String of(backstep.engine.HistoryRehearsal.Report r) {
    List<Case> cases = r.items().stream().map(i -> new Case("backstep.history." + r.history(), i.migration() + " ("
        + i.playbookId() + ")", i.took().toMillis() / 1000.0, i.passed() ? null : i.verdict().words() + ": "
        + i.detail(), String.join("\n", i.differences()))).toList();
    return HEADER + suite("backstep.rehearse.history." + r.history(), r.took().toMillis() / 1000.0, cases);
  }

  /** Several suites in one {@code <testsuites>} document. */
  static String suites(List<String> suites) {
    return HEADER + "<testsuites>\n" + String.join("", suites) + "</testsuites>\n";
  }

  static String suite(String name, double seconds, List<Case> cases) {
    long failures = cases.stream().filter(c -> c.failure() != null).count();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">%n", esc(name), cases.size(), failures,
        seconds));
    for (Case c : cases) {
      b.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
          esc(c.classname()), esc(c.name()), c.seconds()));
      if (c.failure() == null) {
        b.append("/>\n");
      } else {
        b.append(">\n    <failure message=\"").append(esc(c.failure())).append("\">").append(esc(c.detail()))
            .append("</failure>\n  </testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
