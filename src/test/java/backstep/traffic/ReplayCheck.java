package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Await;
import backstep.testing.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The check both families' traffic tests end with: replay a captured profile with {@code traffic replay}, capture
 * the replay itself from inside its run, and require the second capture's rate and read share within 10 % of the
 * first's, with no replay error. The second capture starts once the server's statement statistics (what the capture
 * reads) show a second's worth of the profile's rate from the replay, not after a fixed span.
 */
final class ReplayCheck {
  private ReplayCheck() {
  }

  /** {@code statements}: the server's count of statements so far, as its statement statistics say. */
  static void replaysWithinTenPercent(Path captured, Path dir, String url, String user, int replaySeconds,
      Callable<Long> statements, int captureSeconds) throws Exception {
    TrafficProfile p = ProfileFile.load(captured);
    long before = statements.call();
    CompletableFuture<Cli.Result> replay = CompletableFuture.supplyAsync(() -> Cli.run("traffic", "replay",
        captured.toString(), "--url", url, "--user", user, "--seconds", Integer.toString(replaySeconds),
        "--clients", "4"));
    Await.until("a second of the replay's statements", Duration.ofSeconds(60),
        () -> replay.isDone() || statements.call() - before >= p.rate());
    assertFalse(replay.isDone(), () -> "the replay ended before its capture began: " + replay.join());
    Path again = dir.resolve("replay.profile.yaml");
    Cli.Result cap2 = Cli.run("traffic", "capture", "--url", url, "--user", user, "--seconds",
        Integer.toString(captureSeconds), "-o", again.toString());
    Cli.Result r = replay.get(120, TimeUnit.SECONDS);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(0, cap2.exit(), cap2::toString);
    System.out.println(r.out());
    System.out.println(cap2.out());
    TrafficProfile q = ProfileFile.load(again);
    String figures = String.format(Locale.ROOT, "captured %.1f/s with %.1f%% reads; the replay's capture %.1f/s "
        + "with %.1f%% reads", p.rate(), p.readShare() * 100, q.rate(), q.readShare() * 100);
    System.out.println(figures);
    assertTrue(Math.abs(q.rate() - p.rate()) <= 0.10 * p.rate(), figures);
    assertTrue(Math.abs(q.readShare() - p.readShare()) <= 0.10 * p.readShare(), figures);
    assertTrue(r.out().contains(" 0 errors"), r::toString);
  }
}
