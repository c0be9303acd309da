package backstep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code backstep --version} prints: the version, the git commit (and whether tracked files had changes) and
 * the build time, written into {@code backstep/build.properties} by the build. A value the build could not fill (no
 * git checkout, classes compiled by an IDE) reads {@code unknown}.
 */
public final class BuildStamp implements IVersionProvider {
  static final String RESOURCE = "/backstep/build.properties";

  @Override
  public String[] getVersion() {
    return lines(read());
  }

  /** The lines {@code --version} prints. */
  static String[] lines(Properties p) {
    String commit = value(p, "commit");
    if (!"unknown".equals(commit) && "true".equals(value(p, "dirty"))) {
      commit += " (with uncommitted changes)";
    }
    return new String[] {
        "Backstep " + value(p, "version"),
        "commit " + commit,
        "built " + value(p, "time"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
  }

  static Properties read() {
    Properties p = new Properties();
    try (InputStream in = BuildStamp.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // a stamp that cannot be read is reported as unknown below
    }
    return p;
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.isEmpty() || v.contains("${") ? "unknown" : v;
  }
}
