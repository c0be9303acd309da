package backstep.integrity;

import backstep.integrity.MaskRules.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed mask functions: each output is derived from HMAC-SHA256 of the rule and the value under the secret key,
 * nothing else, so a value masks the same way in every row and table (foreign keys still join) and runs with the same
 * key give the same copy. Hashes and fake emails carry 64 bits of the digest and fake phones 43, so distinct values
 * stay distinct (a unique key stays unique; a collision would be reported by the database's own unique check); fake
 * names carry a digest suffix only on a column that is part of a key. Fake emails use the reserved example.com
 * domain, fake phones the unassigned country code +999.
 */
final class MaskValues {
  private static final List<String> FIRST = List.of("Ada", "Ben", "Cleo", "Dara", "Eli", "Fay", "Gus", "Hana",
      "Ivo", "Jun", "Kai", "Lena", "Milo", "Nia", "Otto", "Pia", "Quin", "Rosa", "Sami", "Tess", "Uma", "Vik",
      "Wren", "Xia", "Yara", "Zeno", "Alba", "Bo", "Cyra", "Dov", "Edda", "Finn");
  private static final List<String> LAST = List.of("Abbott", "Berg", "Costa", "Dahl", "Ekman", "Frost", "Gallo",
      "Holm", "Ibarra", "Jansen", "Kovac", "Lund", "Moreau", "Novak", "Olsen", "Perez", "Quist", "Rossi", "Sato",
      "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zorn", "Alves", "Brandt", "Castro", "Duval", "Engel",
      "Fox");

  private final SecretKeySpec key;

  MaskValues(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  Object mask(Masking.Mask m, Object value) {
    byte[] d = digest(m.kind(), canonical(value));
    long bits = ByteBuffer.wrap(d).getLong() & Long.MAX_VALUE;
    String hex = HexFormat.of().formatHex(d);
    return switch (m.kind()) {
      case HASH -> hash(m, value, bits, hex);
      case FAKE_NAME -> fit(name(d) + (m.unique() ? " " + hex.substring(0, 12) : ""), m.length());
      case FAKE_EMAIL -> fit(name(d).toLowerCase(Locale.ROOT).replace(' ', '.') + "." + hex.substring(0, 16)
          + "@example.com", m.length());
      case FAKE_PHONE -> fit(String.format(Locale.ROOT, "+999%012d", bits % 1_000_000_000_000L), m.length());
      case SHIFT_DAYS -> shift(value, days(m, bits));
      default -> throw new IllegalArgumentException("not a keyed rule: " + m.kind().word());
    };
  }

  private static Object hash(Masking.Mask m, Object value, long bits, String hex) {
    if (value instanceof Number) {
      long max = maxFor(m.rootType().toLowerCase(Locale.ROOT));
      long n = bits % max + 1;
      return value instanceof Integer || value instanceof Short || value instanceof Byte ? (Object) (int) n
          : value instanceof BigDecimal || value instanceof BigInteger ? (Object) BigDecimal.valueOf(n) : n;
    }
    return fit(hex.substring(0, 32), m.length());
  }

  /** The largest positive value of an integer column type (as the root column of a foreign-key chain declares it). */
  private static long maxFor(String type) {
    if (type.contains("bigint") || type.contains("int8") || type.contains("numeric") || type.contains("decimal")) {
      return Long.MAX_VALUE;
    }
    if (type.contains("tinyint")) {
      return Byte.MAX_VALUE;
    }
    if (type.contains("smallint") || type.contains("int2")) {
      return Short.MAX_VALUE;
    }
    return type.contains("mediumint") ? 8_388_607 : Integer.MAX_VALUE;
  }

  private static long days(Masking.Mask m, long bits) {
    long range = Long.parseLong(m.argument());
    return range == 0 ? 0 : bits % (2 * range + 1) - range;
  }

  private static Object shift(Object value, long days) {
    if (value instanceof java.sql.Date d) {
      return java.sql.Date.valueOf(d.toLocalDate().plusDays(days));
    }
    if (value instanceof Timestamp t) {
      return Timestamp.valueOf(t.toLocalDateTime().plusDays(days));
    }
    if (value instanceof LocalDate d) {
      return d.plusDays(days);
    }
    if (value instanceof LocalDateTime d) {
      return d.plusDays(days);
    }
    if (value instanceof OffsetDateTime d) {
      return d.plusDays(days);
    }
    try {
      return LocalDate.parse(value.toString()).plusDays(days).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("shift-days applies to dates and timestamps, not to "
          + value.getClass().getSimpleName() + " values");
    }
  }

  private static String name(byte[] d) {
    return FIRST.get((d[8] & 0xff) % FIRST.size()) + " " + LAST.get((d[9] & 0xff) % LAST.size());
  }

  private static String fit(String s, int length) {
    return s.length() <= length ? s : s.substring(0, length);
  }

  /** The value as text, the same for equal values of different column types (5 in an int and in a bigint). */
  static String canonical(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    return value.toString();
  }

  private byte[] digest(Kind kind, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((kind.word() + ":" + value).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
