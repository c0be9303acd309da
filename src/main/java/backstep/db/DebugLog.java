package backstep.db;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backstep's debug log (SLF4J, to standard error): off unless {@code --debug} or {@code BACKSTEP_DEBUG=1} switched it
 * on for the process ({@link #enable}). Every line passes {@link Redact} and has the passwords this process was
 * given replaced, so no secret reaches it. Each deliberately ignored exception is logged through {@link #ignored}.
 */
public final class DebugLog {
  /** The SLF4J Simple property that sets the level of every {@code backstep.*} logger. */
  static final String LEVEL = "org.slf4j.simpleLogger.log.backstep";
  private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

  private DebugLog() {}

  /** Whether {@code BACKSTEP_DEBUG} asks for the debug log (set, and neither empty nor {@code 0}). */
  public static boolean requested(String env) {
    return env != null && !env.isBlank() && !env.strip().equals("0");
  }

  /** Switches the debug log on for this process; call before any Backstep class logs (the level is read once). */
  public static void enable() {
    System.setProperty(LEVEL, "debug");
  }

  /** A secret this process holds (a password), never to appear in the log even inside a driver's message. */
  public static void secret(String value) {
    if (value != null && value.length() >= 3) {
      SECRETS.add(value);
    }
  }

  /** Logs {@code what} (a message built by the caller) at debug, redacted. */
  public static void debug(Class<?> where, String what) {
    Logger log = LoggerFactory.getLogger(where);
    if (log.isDebugEnabled()) {
      log.debug(clean(what));
    }
  }

  /**
   * Logs an exception that is deliberately ignored, at debug, redacted, with its stack trace: {@code why} says why
   * ignoring it is safe.
   */
  public static void ignored(Class<?> where, String why, Throwable e) {
    Logger log = LoggerFactory.getLogger(where);
    if (log.isDebugEnabled()) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      log.debug(clean("ignored (" + why + "): " + trace.toString().stripTrailing()));
    }
  }

  static String clean(String text) {
    String out = Redact.text(text);
    for (String s : SECRETS) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
