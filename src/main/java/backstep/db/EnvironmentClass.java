package backstep.db;

/** How careful Backstep must be with a target. Production changes require typing the target's name. */
public enum EnvironmentClass {
  SANDBOX, STAGING, PRODUCTION;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
