package backstep.testing;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A sandbox data directory made once per test JVM and copied into each test's Backstep home, so a console test
 * class does not run {@code initdb} and seed the demo shop again (the suite's console classes did it 14 times).
 *
 * <p>The template is what the product's own first start leaves: {@link Database#open} of the sandbox in a home of
 * its own (initdb, the {@code backstep} database, the demo shop seeded), then a clean stop. A home that receives the
 * copy starts the sandbox as on a second start ({@link backstep.db.Sandbox} skips initdb when
 * {@code postgresql.conf} is there); nothing else of the home is touched. The CLI's first-start message is the
 * only behaviour that differs, and the tests that assert on it ({@code SandboxCliIT}) do not use this class.
 */
public final class SandboxTemplate {
  private static Path template;

  private SandboxTemplate() {
  }

  /**
   * Copies the template into {@code home}'s sandbox unless that home already has a sandbox data directory (a
   * later test of the same class, which must see what the earlier ones left).
   */
  public static void copyInto(Path home) {
    Path data = home.resolve("sandbox").resolve("pgdata");
    if (Files.exists(data)) {
      return;
    }
    try {
      copyTree(template(), data);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the sandbox template into " + home, e);
    }
  }

  private static synchronized Path template() throws IOException {
    if (template == null) {
      Path home = Files.createTempDirectory("backstep-sandbox-template-");
      TargetSpec sandbox = new TargetSpec(TargetSpec.SANDBOX, null, null, null, EnvironmentClass.SANDBOX);
      try (Database db = Database.open(sandbox, null, home, true)) {
        if (!db.sandboxSeeded()) {
          throw new IllegalStateException("the template sandbox in " + home + " was not created and seeded");
        }
      } catch (backstep.db.TargetUnavailableException e) {
        throw new IOException("could not start the template sandbox: " + e.getMessage(), e);
      }
      Path data = home.resolve("sandbox").resolve("pgdata");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(home)));
      template = data;
    }
    return template;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        // PostgreSQL refuses a data directory others may read (0700 or 0750 only)
        Files.setPosixFilePermissions(to.resolve(from.relativize(dir).toString()),
            Files.getPosixFilePermissions(dir));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind; nothing a test depends on
    }
  }
}
