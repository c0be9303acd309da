package backstep.integrity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What a PostgreSQL session last read of each data table's columns and row estimate ({@link RowHash.Sized}), so
 * that the next fingerprint on that session can send the table's checksum in the catalog read's round trip, built
 * from those columns, instead of one round trip later ({@link Fingerprint}). It is a guess: the checksum is kept only
 * when the columns read in that same round trip are the ones it was built from; otherwise it is computed again from
 * them, as before. Kept per physical session (as {@link Sql#prepared} keeps its statements), forgotten with it.
 */
final class SessionColumns {
  /** A guess is sent only for a table estimated well below the checksum limit: a table near it may be counted only. */
  static final int HEADROOM = 4;

  private static final Map<Object, Map<String, RowHash.Sized>> BY_SESSION =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SessionColumns() {}

  /** The tables of {@code data} (within {@code only}; null: all) whose columns this session read last time. */
  static Map<String, RowHash.Sized> guesses(Connection c, String schema, Set<String> only, Set<String> data,
      long maxRows) throws SQLException {
    Map<String, RowHash.Sized> known = BY_SESSION.get(Sql.physical(c));
    if (known == null || data.isEmpty()) {
      return Map.of();
    }
    Map<String, RowHash.Sized> out = new HashMap<>();
    synchronized (known) {
      for (String table : data) {
        RowHash.Sized s = known.get(key(schema, table));
        // an estimate of -1 (never analyzed) is checksummed whatever its size by the read without a guess too
        if (s != null && (only == null || only.contains(table)) && s.estimate() <= maxRows / HEADROOM
            && !s.columns().isEmpty()) {
          out.put(table, s);
        }
      }
    }
    return out;
  }

  static void remember(Connection c, String schema, String table, RowHash.Sized sized) throws SQLException {
    Map<String, RowHash.Sized> known = BY_SESSION.computeIfAbsent(Sql.physical(c), k -> new HashMap<>());
    synchronized (known) {
      known.put(key(schema, table), sized);
    }
  }

  /** The guesses for {@code tables} failed (a column or the table is gone): read their columns first next time. */
  static void forget(Connection c, String schema, Set<String> tables) throws SQLException {
    Map<String, RowHash.Sized> known = BY_SESSION.get(Sql.physical(c));
    if (known != null) {
      synchronized (known) {
        tables.forEach(t -> known.remove(key(schema, t)));
      }
    }
  }

  private static String key(String schema, String table) {
    return schema + '\u0000' + table;
  }
}
