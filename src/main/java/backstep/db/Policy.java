package backstep.db;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The {@code policy:} of a targets file: which gates each environment class needs (built-in where unsaid). */
public record Policy(Map<EnvironmentClass, PolicyRule> rules) {
  public Policy {
    EnumMap<EnvironmentClass, PolicyRule> all = new EnumMap<>(EnvironmentClass.class);
    for (EnvironmentClass e : EnvironmentClass.values()) {
      all.put(e, rules.getOrDefault(e, PolicyRule.builtIn(e)));
    }
    rules = Collections.unmodifiableMap(all);
  }

  public static Policy builtIn() {
    return new Policy(Map.of());
  }

  public PolicyRule forClass(EnvironmentClass env) {
    return rules.get(env);
  }
}
