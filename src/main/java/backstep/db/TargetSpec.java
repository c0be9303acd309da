package backstep.db;

/**
 * A named database connection. {@code ledger} names the target holding its ledger (a central ledger), or is null
 * when the ledger lives in the target itself. The password is never here: {@code passwordEnv} names the environment variable
 * that holds it.
 */
public record TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment,
    String ledger) {
  public static final String SANDBOX = "sandbox";

  /** A target whose ledger lives in itself. */
  public TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment) {
    this(name, url, user, passwordEnv, environment, null);
  }

  public boolean isSandbox() {
    return SANDBOX.equals(name) && url == null;
  }

  /** The URL with any credentials removed, safe for output, logs and the ledger. */
  public String safeUrl() {
    return url == null ? "embedded sandbox" : Redact.url(url);
  }
}
