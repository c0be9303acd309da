package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The check both families' traffic tests end with: replay a captured profile with {@code traffic replay}, capture
 * the replay itself from inside its run, and require the second capture's rate and read share within 10 % of the
 * first's, with no replay error.
 */
final class ReplayCheck {
  private ReplayCheck() {
  }

  static void replaysWithinTenPercent(Path captured, Path dir, String url, String user, int replaySeconds,
      int startAfterSeconds, int captureSeconds) throws Exception {
    TrafficProfile p = ProfileFile.load(captured);
    CompletableFuture<Cli.Result> replay = CompletableFuture.supplyAsync(() -> Cli.run("traffic", "replay",
        captured.toString(), "--url", url, "--user", user, "--seconds", Integer.toString(replaySeconds),
        "--clients", "4"));
    Thread.sleep(startAfterSeconds * 1000L);
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
