package backstep.integrity;

import java.util.Locale;
import java.util.Set;

/**
 * What belongs to Backstep rather than to the application, and so stays out of snapshots and fingerprints: the
 * ledger (PostgreSQL schema {@code backstep}; MySQL/MariaDB tables {@code backstep_run}, {@code backstep_step_exec},
 * {@code backstep_event}, {@code backstep_drill_attempt}, {@code backstep_fingerprint}) and recovery points
 * (PostgreSQL schemas {@code backstep_recovery*}; MySQL/MariaDB tables
 * {@code backstep_rp_*}, as {@code engine.SnapshotRunner} names them, or {@code backstep_recovery*}).
 */
public final class Scope {
  private static final Set<String> LEDGER_TABLES = Set.of("backstep_run", "backstep_step_exec", "backstep_event",
      "backstep_drill_attempt", "backstep_fingerprint");
  private static final String RECOVERY_PREFIX = "backstep_recovery";
  /** MySQL/MariaDB recovery tables (engine.SnapshotRunner) start with this; snapshots leave them out. */
  public static final String RECOVERY_TABLE_PREFIX = "backstep_rp_";

  private Scope() {}

  static boolean isBackstepSchema(String schema) {
    String s = schema.toLowerCase(Locale.ROOT);
    return s.equals("backstep") || s.startsWith(RECOVERY_PREFIX);
  }

  static boolean isBackstepTable(String table) {
    String t = table.toLowerCase(Locale.ROOT);
    return LEDGER_TABLES.contains(t) || t.startsWith(RECOVERY_PREFIX) || t.startsWith(RECOVERY_TABLE_PREFIX);
  }
}
