package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rehearse --seed-from}: the scratch database starts as a copy of a staging schema, rows sampled. */
class RehearseSeedFromIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void rehearsesOnACopyOfTheStagingSchemaWithSampledRows(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb staging = ScratchDb.create(kind); ScratchDb server = ScratchDb.create(kind)) {
      Path targets = targets(staging, server);
      Cli.Result seeded = Cli.run("seed", "--targets", targets.toString(), "--target", "staging");
      assertEquals(0, seeded.exit(), seeded::toString);
      List<String> args = new ArrayList<>(List.of("rehearse", "playbooks/add-email-verified.yaml", "--targets",
          targets.toString(), "--target", "server", "--seed-from", "staging", "--seed-rows", "50"));
      Cli.Result refused = Cli.run(args.toArray(new String[0]));
      assertEquals(ExitCodes.INVALID, refused.exit(), refused::toString);
      assertTrue(refused.err().contains("customers.full_name, customers.email, feature_flags.name look personal and "
          + "have no mask rule"), refused::toString);
      Files.writeString(dir.resolve("mask.key"), "rehearsal-mask-key-0001");
      Path mask = dir.resolve("mask.yaml");
      Files.writeString(mask, """
          key_file: mask.key
          mask:
            customers: {full_name: fake-name, email: fake-email}
            feature_flags: {name: keep}
          """);
      args.addAll(List.of("--mask", mask.toString()));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("copy of the seed source: 3 tables, "), r::toString);
      assertTrue(r.out().contains("masked customers.email: fake-email"), r::toString);
      assertTrue(r.out().contains("schema and data equal the starting fingerprint exactly"), r::toString);
    }
  }

  @Test
  void aSeedSourceOfAnotherDatabaseFamilyIsRefusedWithAClearMessage() throws Exception {
    try (ScratchDb staging = ScratchDb.create(ScratchDb.Kind.MARIADB);
        ScratchDb server = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Cli.Result r = Cli.run("rehearse", "playbooks/add-email-verified.yaml", "--targets",
          targets(staging, server).toString(), "--target", "server", "--seed-from", "staging");
      assertEquals(ExitCodes.INVALID, r.exit(), r::toString);
      assertTrue(r.err().contains("a schema can only be copied within one database family"), r::toString);
    }
  }

  private Path targets(ScratchDb staging, ScratchDb server) throws Exception {
    Path targets = dir.resolve("targets.yaml");
    Files.writeString(targets, """
        targets:
          staging:
            url: %s
            user: %s
            environment: staging
          server:
            url: %s
            user: %s
            environment: sandbox
        """.formatted(staging.url(), staging.user(), server.url(), server.user()));
    return targets;
  }
}
