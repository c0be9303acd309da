package backstep.integrity;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Whether the database itself guarantees that a foreign key has no orphans, so that counting them would only repeat
 * its work. PostgreSQL does for a constraint that is
 * <ul>
 *   <li>declared on exactly these columns and validated ({@code pg_constraint.convalidated}: every existing row was
 *       checked when it was added or by {@code VALIDATE CONSTRAINT});</li>
 *   <li>not deferrable (a deferred constraint lets a transaction hold orphans until it commits, and a check may run
 *       inside that transaction);</li>
 *   <li>enforced by triggers that are all enabled ({@code pg_trigger.tgenabled} {@code O} or {@code A}: the
 *       insert/update checks on the child and the delete/update actions on the parent);</li>
 *   <li>between two plain tables (partitioned tables spread the triggers over their partitions; they are scanned).</li>
 * </ul>
 * What the catalog cannot show: rows written while {@code session_replication_role = replica} (a superuser setting,
 * also the one logical replication applies with) or while the triggers were disabled and later re-enabled. Backstep
 * scans every foreign key in a run whose own SQL does either (lint rule BS014), and {@code full_scan: true} or
 * {@code verify --full-scan} scan regardless. MySQL/MariaDB keep no such record ({@code foreign_key_checks = 0} leaves
 * no trace on the constraint), so there every foreign key is scanned.
 *
 * @param proves true when the constraint proves there are no orphans
 * @param reason why, or why not, in words for the check's detail
 */
public record ForeignKeyProof(boolean proves, String reason) {

  static ForeignKeyProof of(Connection c, Dialect d, String schema, ForeignKeyRef fk, SchemaSnapshot snapshot)
      throws SQLException {
    Optional<SchemaSnapshot.ForeignKey> declared = declared(snapshot, fk);
    if (declared.isEmpty()) {
      return new ForeignKeyProof(false, "no foreign key declared on " + fk.table() + Sql.list(fk.columns()));
    }
    if (d != Dialect.POSTGRES) {
      return new ForeignKeyProof(false, "MySQL/MariaDB keep no record of rows written with foreign_key_checks = 0");
    }
    SchemaSnapshot.ForeignKey k = declared.get();
    if (!k.validated()) {
      return new ForeignKeyProof(false, "constraint is NOT VALID");
    }
    List<ForeignKeyProof> found = Sql.query(c, """
        SELECT k.condeferrable, c.relkind::text, p.relkind::text,
               (SELECT count(*) FROM pg_trigger t WHERE t.tgconstraint = k.oid),
               (SELECT count(*) FROM pg_trigger t WHERE t.tgconstraint = k.oid AND t.tgenabled IN ('O', 'A'))
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
        WHERE k.contype = 'f' AND k.conname = ? AND k.convalidated
          AND k.conrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))""",
        List.of(k.name(), schema, fk.table()), rs -> judge(k.name(), rs.getBoolean(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getLong(5)));
    return found.isEmpty() ? new ForeignKeyProof(false, "constraint " + k.name() + " not found in the catalog")
        : found.get(0);
  }

  private static ForeignKeyProof judge(String name, boolean deferrable, String childKind, String parentKind,
      long triggers, long enabled) {
    if (deferrable) {
      return new ForeignKeyProof(false, "constraint is DEFERRABLE");
    }
    if (!childKind.equals("r") || !parentKind.equals("r")) {
      return new ForeignKeyProof(false, "partitioned table");
    }
    if (triggers == 0 || enabled < triggers) {
      return new ForeignKeyProof(false, (triggers - enabled) + " of its " + triggers + " triggers disabled");
    }
    return new ForeignKeyProof(true, "enforced by " + name + " (validated, not deferrable, triggers enabled)");
  }

  /**
   * The declared foreign key {@code fk} names or, for a reference a playbook wrote as {@code child(cols) ->
   * parent(cols)} (whose name is the check's), the one on exactly those columns.
   */
  private static Optional<SchemaSnapshot.ForeignKey> declared(SchemaSnapshot s, ForeignKeyRef fk) {
    List<SchemaSnapshot.ForeignKey> keys = s.table(fk.table()).map(SchemaSnapshot.Table::foreignKeys)
        .orElse(List.of());
    return keys.stream().filter(k -> k.name().equals(fk.name())).findFirst()
        .or(() -> keys.stream().filter(k -> k.columns().equals(fk.columns())
            && k.refColumns().equals(fk.refColumns()) && k.refTable().equals(fk.refTable())).findFirst());
  }
}
