package backstep.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of a JDBC URL, checked before anything connects or prints it: no secret in any property (query string or
 * MySQL's {@code (host=…,password=…)} host syntax, any case, percent-encoded or not), no user-info before the host,
 * and ports that are numbers from 1 to 65535. Secrets belong in an environment variable named by
 * {@code password_env} / {@code --password-env}.
 */
public final class JdbcUrls {
  /**
   * Words that mark a property carrying a secret. They cover every such property of the two drivers: pgjdbc's
   * {@code password}, {@code sslpassword}; Connector/J's {@code password}, {@code password1..3} (multi-factor),
   * {@code trustCertificateKeyStorePassword}, {@code clientCertificateKeyStorePassword},
   * {@code xdevapi.ssl-keystore-password}, {@code xdevapi.ssl-truststore-password}; MariaDB Connector/J's
   * {@code keyStorePassword}, {@code trustStorePassword}, {@code keyPassword}.
   */
  private static final Pattern SECRET_WORD = Pattern.compile("password|passwd|pwd|secret|passphrase");
  /** Properties named like a secret that hold none. */
  private static final Set<String> NOT_SECRET = Set.of("passwordcharacterencoding", "disconnectonexpiredpasswords");
  /** Arguments handed to a driver's socket factory: they may hold anything, so they are never printed. */
  private static final Set<String> OPAQUE = Set.of("sslfactoryarg", "socketfactoryarg");
  /** The {@code name=} of a property anywhere in a URL: query string, or Connector/J's key-value host syntax. */
  static final Pattern PROPERTY = Pattern.compile("([A-Za-z0-9_.%-]+)\\s*=\\s*");
  /** A property's value: up to the next separator of either driver's syntax. */
  static final Pattern VALUE = Pattern.compile("[^&;,()\\s]*");
  private static final Pattern PORT = Pattern.compile("(?i)(?:^|[(,])\\s*port\\s*=\\s*([^,)]*)");

  private JdbcUrls() {}

  /** What is wrong with {@code url}'s form, in words for the user; empty when nothing is. */
  public static List<String> problems(String url) {
    List<String> out = new ArrayList<>();
    Matcher m = PROPERTY.matcher(url);
    while (m.find()) {
      if (isSecret(m.group(1))) {
        out.add("must not contain a secret (property '" + decode(m.group(1)) + "'); name an environment variable "
            + "that holds the password instead");
      }
    }
    String authority = authority(url);
    if (authority.contains("@")) {
      out.add("must not contain user-info before the host ('user:password@'); give the user separately and the "
          + "password in an environment variable");
    }
    for (String port : ports(authority)) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        out.add("port '" + port + "' is not a number from 1 to 65535");
      }
    }
    return out;
  }

  /** Whether a property of this name carries a secret (case-insensitive, percent-decoded). */
  static boolean isSecret(String name) {
    String n = decode(name).toLowerCase(Locale.ROOT);
    return !NOT_SECRET.contains(n) && SECRET_WORD.matcher(n).find();
  }

  /** Whether a property's value must never be printed: a secret, or an argument the driver passes on unread. */
  static boolean isHidden(String name) {
    return isSecret(name) || OPAQUE.contains(decode(name).toLowerCase(Locale.ROOT));
  }

  /** The part between {@code //} and the path or query: user-info, hosts and ports. */
  static String authority(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return "";
    }
    int end = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = url.indexOf(c, start + 2);
      if (i >= 0 && i < end && !insideParens(url, start + 2, i)) {
        end = i;
      }
    }
    return url.substring(start + 2, end);
  }

  private static boolean insideParens(String s, int from, int at) {
    int depth = 0;
    for (int i = from; i < at; i++) {
      depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
    }
    return depth > 0;
  }

  private static List<String> ports(String authority) {
    List<String> out = new ArrayList<>();
    if (authority.contains("(")) {
      Matcher m = PORT.matcher(authority);
      while (m.find()) {
        out.add(m.group(1).strip());
      }
      return out;
    }
    for (String host : authority.split(",")) {
      String h = host.substring(host.lastIndexOf('@') + 1).strip();
      if (h.startsWith("[")) {
        int close = h.indexOf(']');
        h = close < 0 ? "" : h.substring(close + 1);
        if (h.startsWith(":")) {
          out.add(h.substring(1));
        }
      } else if (h.contains(":")) {
        out.add(h.substring(h.lastIndexOf(':') + 1));
      }
    }
    return out;
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
