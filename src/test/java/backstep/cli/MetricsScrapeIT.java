package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Await;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus scrape ({@code GET /metrics}) of a running {@code apply --metrics-port 0}: the process is held in the
 * middle of its second step by the test pause hook, so the scrape sees the run RUNNING at step 2 of 2, step 1
 * finished, the guard armed and within its threshold, and the target's telemetry samples — on PostgreSQL and on
 * MariaDB; a running {@code rollback}, held the same way, shows ROLLING_BACK and its samples. A port already taken
 * stops the command before it changes anything.
 */
class MetricsScrapeIT {
  private static final Pattern URL = Pattern.compile("Metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");

  @TempDir
  Path dir;

  @Test
  void aRunningApplyOnPostgresIsScraped() throws Exception {
    scrapeMidRun(ScratchDb.Kind.POSTGRES, "step-transaction:work");
  }

  @Test
  void aRunningApplyOnMariaDbIsScraped() throws Exception {
    scrapeMidRun(ScratchDb.Kind.MARIADB, "statement-committed:work");
  }

  /** A rollback samples the target too when scraped (without guards: a rollback's sampler runs only when asked). */
  @Test
  void aRunningRollbackIsScraped() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      assertEquals(0, Cli.on(db, "apply", playbook().toString(), "--yes").exit());
      List<String> args = new ArrayList<>(List.of("rollback", "--yes", "--metrics-port", "0"));
      args.addAll(db.cliArgs());
      try (ChildProcess child = ChildProcess.start(args, Map.of("BACKSTEP_TEST_PAUSE_AT", "step-transaction:work"),
          null)) {
        child.awaitLine("Metrics: ");
        Matcher m = URL.matcher(child.seen());
        assertTrue(m.find(), child.seen());
        child.awaitLine("BACKSTEP_TEST_PAUSE");
        String t = "target=\"" + db.name() + "\"";
        String scrape = scrapeUntil(m.group(1), "backstep_telemetry_samples_total{" + t + "} 1");
        String run = "playbook=\"scrape-me\"," + t;
        assertTrue(scrape.contains("backstep_run_state{" + run + ",backstep_run_state=\"ROLLING_BACK\"} 1"), scrape);
        assertTrue(scrape.contains("backstep_step{direction=\"rollback\"," + run + "} 2.0"), scrape);
        assertTrue(value(scrape, "backstep_probe_seconds{" + t + "}") > 0, scrape);
        assertFalse(scrape.contains("backstep_guard_state{"), "guards watch forward runs only: " + scrape);
      }
    }
  }

  @Test
  void aTakenPortStopsTheCommandBeforeAnythingChanges() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES);
         ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.on(db, "apply", playbook().toString(), "--yes", "--metrics-port",
          Integer.toString(taken.getLocalPort()));
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains("--metrics-port: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r::toString);
      assertFalse(db.hasLedger(), "nothing may be created on the target");
    }
  }

  private void scrapeMidRun(ScratchDb.Kind kind, String pauseAt) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> args = new ArrayList<>(List.of("apply", playbook().toString(), "--yes", "--metrics-port", "0"));
      args.addAll(db.cliArgs());
      try (ChildProcess child = ChildProcess.start(args, Map.of("BACKSTEP_TEST_PAUSE_AT", pauseAt), null)) {
        child.awaitLine("Metrics: ");
        Matcher m = URL.matcher(child.seen());
        assertTrue(m.find(), child.seen());
        child.awaitLine("BACKSTEP_TEST_PAUSE");
        String t = "target=\"" + db.name() + "\"";
        String scrape = scrapeUntil(m.group(1), "backstep_telemetry_samples_total{" + t + "} 2");
        String run = "playbook=\"scrape-me\"," + t;
        assertTrue(scrape.contains("backstep_run_state{" + run + ",backstep_run_state=\"RUNNING\"} 1"), scrape);
        assertTrue(scrape.contains("backstep_run_state{" + run + ",backstep_run_state=\"APPLIED\"} 0"), scrape);
        assertTrue(scrape.contains("backstep_step{direction=\"forward\"," + run + "} 2.0"), scrape);
        assertTrue(scrape.contains("backstep_steps{" + run + "} 2.0"), scrape);
        assertTrue(scrape.contains("backstep_steps_finished_total{direction=\"forward\",state=\"APPLIED\"," + t
            + "} 1.0"), scrape);
        assertTrue(Pattern.compile("backstep_run_info\\{change_id=\"CHG-[^\"]+\",direction=\"forward\"," + run
            + "} 1.0").matcher(scrape).find(), scrape);
        assertTrue(scrape.contains("backstep_guard_state{action=\"alert\",guard=\"p95 probe_ms over 3.0 s above "
            + "5000 → alert\",metric=\"probe_ms\"," + t + "} 0.0"), scrape);
        double probe = value(scrape, "backstep_probe_seconds{" + t + "}");
        assertTrue(probe > 0 && probe < 5, "a probe round trip in seconds: " + probe);
        assertTrue(value(scrape, "backstep_active_connections{" + t + "}") >= 2, scrape);
        assertTrue(value(scrape, "backstep_connection_limit{" + t + "}") > 0, scrape);
        assertTrue(scrape.contains("backstep_telemetry_errors_total{" + t + "} 0.0"), scrape);
        assertTrue(scrape.contains("# TYPE backstep_lock_waiters gauge"), scrape);
      }
    }
  }

  /** Scrapes until the page has {@code wanted} (a counter that grows: its value or more), for at most 30 s. */
  private static String scrapeUntil(String url, String wanted) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String prefix = wanted.substring(0, wanted.lastIndexOf(' ') + 1);
    double least = Double.parseDouble(wanted.substring(wanted.lastIndexOf(' ') + 1));
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    try {
      Await.until("'" + wanted + "' on the page", Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        last.set(r);
        return r.statusCode() == 200 && r.body().contains(prefix) && value(r.body(), prefix.strip()) >= least;
      });
    } catch (AssertionError e) {
      throw new AssertionError("no '" + wanted + "' within 30 s:\n" + (last.get() == null ? "" : last.get().body()), e);
    }
    HttpResponse<String> r = last.get();
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers()::toString);
    return r.body();
  }

  private static double value(String scrape, String series) {
    for (String line : scrape.lines().toList()) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + scrape);
  }

  private Path playbook() throws Exception {
    Path pb = dir.resolve("scrape-me.yaml");
    Files.writeString(pb, """
        id: scrape-me
        title: A change scraped mid-run
        intent: Show the run to Prometheus while it runs.
        telemetry:
          interval: 250ms
          baseline: 500ms
        guards:
          - metric: probe_ms
            aggregate: p95
            over: 2s
            above: 5000
            window: 3s
            action: alert
        steps:
          - id: notes
            kind: sql
            title: Create notes
            forward: CREATE TABLE notes (id INT PRIMARY KEY)
            rollback: DROP TABLE notes
          - id: work
            kind: sql
            title: Write a note
            forward: INSERT INTO notes VALUES (1)
            rollback: DELETE FROM notes WHERE id = 1
        """);
    return pb;
  }
}
