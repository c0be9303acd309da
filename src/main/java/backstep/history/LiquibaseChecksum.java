package backstep.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;

/**
 * The checksum Liquibase 4.33 stores in {@code DATABASECHANGELOG.MD5SUM} for a changeset of SQL changes (its
 * checksum version 9), as its documentation and source describe it: each SQL change hashes to the MD5 of its text
 * with every blank (space, tab, line break) removed; the changeset hashes to the MD5 of its changes' checksums, each
 * written {@code 9:<hex>} and followed by {@code :}. Changes whose own {@code dbms} excludes the database do not
 * count. Inline SQL is hashed after changelog properties are expanded, a {@code sqlFile}'s text before.
 * {@code LiquibaseChecksumIT} checks it against the real Liquibase.
 */
final class LiquibaseChecksum {
  static final String VERSION = "9";

  private LiquibaseChecksum() {}

  /** A SQL change's checksum, {@code 9:<hex>}. */
  static String change(String sql) {
    StringBuilder b = new StringBuilder(sql.length());
    sql.chars().filter(c -> c != ' ' && c != '\t' && c != '\n' && c != '\r').forEach(c -> b.append((char) c));
    return VERSION + ":" + md5(b.toString());
  }

  /** A changeset's checksum from its changes' checksums (each {@code 9:<hex>}), in order. */
  static String changeSet(List<String> changeChecksums) {
    StringBuilder b = new StringBuilder();
    changeChecksums.forEach(c -> b.append(c).append(':'));
    String text = Normalizer.normalize(b.toString().replace("\r\n", "\n").replace('\r', '\n').replace("\uFFFD", ""),
        Normalizer.Form.NFC);
    return VERSION + ":" + md5(text);
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no MD5", e);
    }
  }
}
