package backstep.integrity;

import backstep.db.Database;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A scratch database holding the seeded demo shop, open as a {@link Database}; drops it on close. */
final class Shop implements AutoCloseable {
  final ScratchDb scratch;
  final Database db;

  private Shop(ScratchDb scratch, Database db) {
    this.scratch = scratch;
    this.db = db;
  }

  /** The demo shop as {@code backstep seed} writes it ({@link ScratchDb#seeded}: a copy of this JVM's seed). */
  static Shop seeded(ScratchDb.Kind kind) throws Exception {
    ScratchDb scratch = ScratchDb.seeded(kind);
    try {
      return new Shop(scratch, scratch.open());
    } catch (Exception | Error e) {
      scratch.close();
      throw e;
    }
  }

  boolean postgres() {
    return scratch.kind() == ScratchDb.Kind.POSTGRES;
  }

  /** {@code pg} on PostgreSQL, {@code maria} on MariaDB. */
  void either(String pg, String maria) throws SQLException {
    scratch.exec(postgres() ? pg : maria);
  }

  void exec(String... sql) throws SQLException {
    scratch.exec(sql);
  }

  /** The first column of the first row, as text. */
  String one(String sql) throws SQLException {
    try (Connection c = scratch.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
    scratch.close();
  }
}
