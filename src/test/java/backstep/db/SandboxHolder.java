package backstep.db;

import java.nio.file.Path;

/**
 * Runs a sandbox in its own JVM for {@link SandboxTest}: prints {@code ready <port>}, then holds the sandbox until
 * its standard input closes or it is killed.
 */
public final class SandboxHolder {
  private SandboxHolder() {}

  public static void main(String[] args) throws Exception {
    try (Sandbox sandbox = Sandbox.start(Path.of(args[0]), false)) {
      System.out.println("ready " + sandbox.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until stdin closes
      }
    }
  }
}
