package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.DemoSchema.SeedResult;
import backstep.db.DemoShopDbs.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo shop seeds in under 10 s on the running PostgreSQL 15 and MariaDB 10.11 servers. It asserts a time, so it
 * runs alone (the test lanes, docs/architecture.md); what the seed writes is {@link DemoSchemaRowsIT}'s, which shares
 * the machine.
 */
class DemoSchemaIT {
  @RegisterExtension
  static final DemoShopDbs DBS = new DemoShopDbs();

  @ParameterizedTest
  @EnumSource(Target.class)
  void seedsTheShopQuickly(Target t) {
    SeedResult result = DBS.seeded(t);
    assertEquals(List.of(20_000L, 60_000L, 4L), List.of(result.customers(), result.orders(), result.flags()));
    assertTrue(result.took().compareTo(Duration.ofSeconds(10)) < 0, "seeding took " + result.took());
  }
}
