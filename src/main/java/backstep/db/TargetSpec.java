package backstep.db;

/**
 * A named database connection. {@code ledger} names the target holding its ledger (a central ledger), or is null
 * when the ledger lives in the target itself. The password is never here: {@code passwordEnv} names the environment
 * variable that holds it. {@code policy} is the rule of the targets file's {@code policy:} for this target's
 * environment class (the built-in rule when the file says nothing).
 */
public record TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment,
    String ledger, PolicyRule policy) {
  public static final String SANDBOX = "sandbox";

  public TargetSpec {
    policy = policy != null && policy.environment() == environment ? policy : PolicyRule.builtIn(environment);
  }

  /** A target under the built-in policy. */
  public TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment,
      String ledger) {
    this(name, url, user, passwordEnv, environment, ledger, null);
  }

  /** A target whose ledger lives in itself, under the built-in policy. */
  public TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment) {
    this(name, url, user, passwordEnv, environment, null, null);
  }

  /** This target under {@code p}'s rule for its environment class. */
  public TargetSpec under(Policy p) {
    return new TargetSpec(name, url, user, passwordEnv, environment, ledger, p.forClass(environment));
  }

  public boolean isSandbox() {
    return SANDBOX.equals(name) && url == null;
  }

  /** The URL with any credentials removed, safe for output, logs and the ledger. */
  public String safeUrl() {
    return url == null ? "embedded sandbox" : Redact.url(url);
  }
}
