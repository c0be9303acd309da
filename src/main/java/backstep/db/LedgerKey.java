package backstep.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys a ledger's hash chain: each event's hash becomes an HMAC-SHA256 with it, so someone who can
 * write to the ledger but does not hold the key cannot recompute an edited event's hash. The key lives outside the
 * database (an environment variable or a file); the ledger stores only its {@link #id()}, which reveals nothing of it.
 * Never printed: {@link #toString()} shows the id.
 */
public final class LedgerKey {
  /** The environment variable holding the key itself (its text, at least {@value #MIN_LENGTH} characters). */
  public static final String ENV = "BACKSTEP_LEDGER_KEY";
  static final int MIN_LENGTH = 16;

  private final SecretKeySpec key;
  private final String id;

  private LedgerKey(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.id = mac("backstep ledger key id").substring(0, 16);
  }

  /** A key of {@code secret}'s bytes; refuses one shorter than {@value #MIN_LENGTH} bytes. */
  static LedgerKey of(byte[] secret, String source) {
    DebugLog.secret(new String(secret, StandardCharsets.UTF_8));
    if (secret.length < MIN_LENGTH) {
      throw new IllegalArgumentException(source + ": a ledger key must be at least " + MIN_LENGTH
          + " characters long (it has " + secret.length + ")");
    }
    return new LedgerKey(secret);
  }

  /**
   * The key from {@code file} when one is given (its bytes, less a trailing line break), else from the environment
   * variable {@value #ENV}; empty when neither is set.
   *
   * @throws IllegalArgumentException naming the file or variable when the key cannot be read or is too short
   */
  public static Optional<LedgerKey> resolve(Path file, Map<String, String> env) {
    if (file != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new IllegalArgumentException("ledger key file " + file + ": cannot read it (" + e.getMessage() + ")");
      }
      int n = bytes.length;
      while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
        n--;
      }
      byte[] secret = Arrays.copyOf(bytes, n);
      Arrays.fill(bytes, (byte) 0);
      return Optional.of(of(secret, "ledger key file " + file));
    }
    String value = env.get(ENV);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(of(value.strip().getBytes(StandardCharsets.UTF_8), "environment variable " + ENV));
  }

  /** A short public name of this key (16 hex digits of an HMAC of a fixed text): stored with each keyed event. */
  public String id() {
    return id;
  }

  /** HMAC-SHA256 of {@code text} (UTF-8) with this key, as 64 hex digits. */
  public String mac(String text) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "ledger key " + id;
  }
}
