package backstep.cli;

import backstep.engine.Rehearsal;
import java.util.Locale;

/** A rehearsal as JUnit XML: one test case per phase, so any CI system shows which phase failed and why. */
final class JUnitXml {
  private JUnitXml() {}

  static String of(Rehearsal.Report r) {
    long failures = r.phases().stream().filter(p -> !p.passed()).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(String.format(Locale.ROOT, "<testsuite name=\"backstep.rehearse.%s\" tests=\"%d\" failures=\"%d\" "
        + "time=\"%.3f\">%n", esc(r.playbookId()), r.phases().size(), failures, r.took().toMillis() / 1000.0));
    for (Rehearsal.Phase p : r.phases()) {
      b.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
          esc(r.playbookId()), esc(p.name()), p.took().toMillis() / 1000.0));
      if (p.passed()) {
        b.append("/>\n");
      } else {
        b.append(">\n    <failure message=\"").append(esc(p.detail())).append("\">")
            .append(esc(String.join("\n", p.differences()))).append("</failure>\n  </testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
