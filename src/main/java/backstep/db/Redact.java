package backstep.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a URL or a driver's message leaves the process (output, errors, logs, the ledger): the values of every
 * secret-bearing property ({@link JdbcUrls}), user-info before a host, and a known password become {@code ***}.
 */
public final class Redact {
  private static final Pattern USERINFO = Pattern.compile("(//|,)[^/?#@,\\s]*@");
  private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#@\\s]*@)?"
      + "([^/?#\\s]+)");

  private Redact() {}

  /** {@code url} safe to print; null stays null. */
  public static String url(String url) {
    return url == null ? null : properties(USERINFO.matcher(url).replaceAll("$1***@"));
  }

  /** A message that may quote a URL or a property, and, if known, the password itself. */
  public static String text(String text, String password) {
    if (text == null) {
      return null;
    }
    String out = url(text);
    if (password != null && password.length() >= 3) {
      out = out.replace(password, "***");
    }
    return out;
  }

  /**
   * A web address shown without what may be a token: scheme, host and port only ({@code https://hooks.slack.com/…});
   * a webhook's path and query often are its credential.
   */
  public static String endpoint(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = ENDPOINT.matcher(url.trim());
    return m.lookingAt() ? m.group(1) + m.group(2) + (m.end() < url.trim().length() ? "/…" : "") : "(a web address)";
  }

  /** A message that may quote a URL or a property. */
  public static String text(String text) {
    return text(text, null);
  }

  /** Every hidden property's value becomes {@code ***}; other values are kept and searched too (they may nest). */
  private static String properties(String s) {
    Matcher name = JdbcUrls.PROPERTY.matcher(s);
    Matcher value = JdbcUrls.VALUE.matcher(s);
    StringBuilder b = new StringBuilder(s.length());
    int copied = 0;
    int from = 0;
    while (name.find(from)) {
      from = name.end();
      if (JdbcUrls.isHidden(name.group(1))) {
        value.find(name.end());
        b.append(s, copied, name.end()).append("***");
        copied = value.end();
        from = value.end();
      }
    }
    return b.append(s, copied, s.length()).toString();
  }
}
