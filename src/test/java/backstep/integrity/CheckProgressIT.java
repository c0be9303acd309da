package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.testing.ScratchDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks on tables above the size threshold say when they start (with the estimate) and end. */
class CheckProgressIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void bigTablesAreReportedWithTheirEstimateAndSmallOnesAreNot(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.either("ANALYZE customers", "ANALYZE TABLE customers");
      List<String> events = new ArrayList<>();
      CheckProgress heard = new CheckProgress() {
        @Override
        public void checkStarted(String check, String table, long estimatedRows) {
          events.add(String.format(Locale.ROOT, "start %s %s ~%s", check, table, estimatedRows > 10_000));
        }

        @Override
        public void checkFinished(String check, String table, long rows, Duration took) {
          events.add("end " + check + " " + table + " " + rows);
        }
      };
      DataChecks checks = new DataChecks(shop.db).withProgress(heard, 10_000);
      checks.checksum("customers");
      checks.rowCount("customers");
      checks.nulls("customers", "email");
      checks.checksum("feature_flags"); // a few rows: not reported

      // the checksum counts the rows in the same scan on both servers
      assertEquals(List.of("start checksum customers ~true", "end checksum customers 20000",
          "start rows customers ~true", "end rows customers 20000",
          "start nulls customers ~true", "end nulls customers -1"), events);
    }
  }
}
