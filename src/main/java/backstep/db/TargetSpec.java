package backstep.db;

/**
 * A named database connection. The password is never here: {@code passwordEnv} names the environment variable
 * that holds it.
 */
public record TargetSpec(String name, String url, String user, String passwordEnv, EnvironmentClass environment) {
  public static final String SANDBOX = "sandbox";

  public boolean isSandbox() {
    return SANDBOX.equals(name) && url == null;
  }

  /** The URL with any credentials removed, safe for output, logs and the ledger. */
  public String safeUrl() {
    return url == null ? "embedded sandbox" : Redact.url(url);
  }
}
