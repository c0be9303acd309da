package backstep.db;

import java.util.regex.Pattern;

/** Removes credentials from text that leaves the process: URLs, driver messages. */
public final class Redact {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd)=[^&;\\s]*");
  private static final Pattern USERINFO = Pattern.compile("(//)[^/@\\s]+:[^/@\\s]*@");

  private Redact() {}

  public static String url(String url) {
    if (url == null) {
      return null;
    }
    return USERINFO.matcher(URL_PASSWORD.matcher(url).replaceAll("$1=***")).replaceAll("$1***@");
  }

  /** Redacts a message that may quote a URL and, if known, the password itself. */
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
}
