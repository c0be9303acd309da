package backstep.db;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The gates apply (and resume) and rollback need on one environment class, and where the rule comes from:
 * {@code "built-in"} or the targets file and line that wrote it.
 */
public record PolicyRule(EnvironmentClass environment, Set<RunGate> apply, Set<RunGate> rollback, String origin) {
  public static final String BUILT_IN = "built-in";

  /** What production cannot go below, whatever a policy says. */
  public static final Set<RunGate> PRODUCTION_MINIMUM = Collections.unmodifiableSet(EnumSet.of(
      RunGate.SECOND_APPROVER));

  public PolicyRule {
    apply = Collections.unmodifiableSet(apply.isEmpty() ? EnumSet.noneOf(RunGate.class) : EnumSet.copyOf(apply));
    rollback = Collections.unmodifiableSet(rollback.isEmpty() ? EnumSet.noneOf(RunGate.class)
        : EnumSet.copyOf(rollback));
  }

  /**
   * Today's behaviour when targets.yaml has no policy: nothing asked on the sandbox, a confirmation on staging,
   * the target's name typed and a second approver on production, for apply and rollback alike.
   */
  public static PolicyRule builtIn(EnvironmentClass env) {
    Set<RunGate> gates = switch (env) {
      case SANDBOX -> EnumSet.noneOf(RunGate.class);
      case STAGING -> EnumSet.of(RunGate.CONFIRMATION);
      case PRODUCTION -> EnumSet.of(RunGate.TYPED_CONFIRMATION, RunGate.SECOND_APPROVER);
    };
    return new PolicyRule(env, gates, gates, BUILT_IN);
  }

  public Set<RunGate> gates(boolean forRollback) {
    return forRollback ? rollback : apply;
  }

  /** The rule's name as the ledger records it: {@code production.apply}, {@code staging.rollback}. */
  public String name(boolean forRollback) {
    return environment.key() + (forRollback ? ".rollback" : ".apply");
  }

  /** The gate keys, in a stable order, for the ledger and reports. */
  public List<String> keys(boolean forRollback) {
    return gates(forRollback).stream().map(RunGate::key).toList();
  }

  /** One line for people: {@code production.apply: typed_confirmation, second_approver (targets.yaml:4)}. */
  public String describe(boolean forRollback) {
    List<String> k = keys(forRollback);
    return name(forRollback) + ": " + (k.isEmpty() ? "nothing asked" : String.join(", ", k)) + " (" + origin + ")";
  }
}
