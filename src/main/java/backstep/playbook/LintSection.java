package backstep.playbook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a step's {@code lint:} mapping: {@code ignore} (rule ids) and a required {@code reason}. */
final class LintSection {
  private static final Pattern RULE_ID = Pattern.compile("BS\\d{3}");

  private LintSection() {}

  static Optional<LintIgnore> read(YamlObject step) {
    return step.get("lint").flatMap(n -> YamlObject.of(n, step.child("lint"), step.problems())).map(l -> {
      List<String> rules = l.strings("ignore").stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
      if (rules.isEmpty()) {
        l.problems().add(l.node(), l.child("ignore"), "missing: the lint rule ids this step ignores, e.g. [BS004]");
      }
      for (String r : rules) {
        if (!RULE_ID.matcher(r).matches()) {
          l.problems().add(l.get("ignore").orElse(l.node()), l.child("ignore"),
              "not a lint rule id: '" + r + "' (BS000–BS999, see docs/lint-rules.md)");
        }
      }
      String reason = l.requiredString("reason").orElse("");
      l.finish();
      return new LintIgnore(rules, reason, l.node().line());
    });
  }
}
