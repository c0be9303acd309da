package backstep.playbook;

import java.util.List;

/**
 * A step's {@code lint: {ignore: [BS004], reason: …}}: lint rules the authors decided do not apply to this step,
 * and why. {@code backstep lint} leaves those findings out (and counts them as suppressed).
 *
 * @param rules rule ids, upper case ({@code BS004})
 * @param line where the {@code lint:} mapping starts
 */
public record LintIgnore(List<String> rules, String reason, int line) {
  public LintIgnore {
    rules = List.copyOf(rules);
  }

  public boolean ignores(String ruleId) {
    return rules.contains(ruleId);
  }
}
