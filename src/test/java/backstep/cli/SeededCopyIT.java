package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.db.Database;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo shop most integration tests start from is a copy ({@link ScratchDb#seeded}: a template seeded once per
 * JVM by {@code backstep seed}, copied by the server) instead of a seed of its own. The copy must be what a fresh
 * {@code backstep seed} writes: the same dump (schema, rows, the identity sequences' and AUTO_INCREMENT positions)
 * and the same fingerprint (what apply, rollback and rehearse prove against).
 */
class SeededCopyIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aCopyOfTheShopHoldsWhatAFreshSeedWrites(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb fresh = ScratchDb.create(kind); ScratchDb copy = ScratchDb.seeded(kind)) {
      Cli.Result seed = Cli.on(fresh, "seed");
      assertEquals(0, seed.exit(), seed::toString);
      assertEquals(fresh.dump(), copy.dump(), "the copy's dump is the fresh seed's");
      try (Database a = fresh.open(); Database b = copy.open()) {
        List<String> diffs = Fingerprint.compare(Fingerprint.take(a), Fingerprint.take(b)).stream()
            .map(Difference::describe).toList();
        assertEquals(List.of(), diffs, "the copy's fingerprint is the fresh seed's");
      }
    }
  }
}
