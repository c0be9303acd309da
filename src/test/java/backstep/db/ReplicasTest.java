package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** targets.yaml {@code replicas:}: read per target, with positioned problems for what cannot be a replica. */
class ReplicasTest {
  @TempDir
  Path dir;

  @Test
  void aTargetListsItsReplicas() throws Exception {
    Targets t = Targets.load(write("""
        targets:
          orders:
            url: jdbc:postgresql://primary:5432/orders
            environment: production
            replicas:
              r1: {url: "jdbc:postgresql://r1:5432/orders", user: backstep, password_env: R1_PASSWORD}
              r2:
                url: jdbc:postgresql://r2:5432/orders
          other:
            url: jdbc:mariadb://db:3306/shop
            environment: staging
        """));
    assertEquals(List.of(new ReplicaSpec("r1", "jdbc:postgresql://r1:5432/orders", "backstep", "R1_PASSWORD"),
        new ReplicaSpec("r2", "jdbc:postgresql://r2:5432/orders", null, null)), t.replicas("orders"));
    assertEquals(List.of(), t.replicas("other"));
  }

  @Test
  void aReplicaOfAnotherFamilyOrWithAPasswordIsRefused() throws Exception {
    Path f = write("""
        targets:
          orders:
            url: jdbc:postgresql://primary:5432/orders
            environment: production
            replicas:
              r1:
                url: jdbc:mariadb://r1:3306/orders
                password: secret
                lag: 5
        """);
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> Targets.load(f));
    List<String> got = e.problems().stream().map(Problem::format).toList();
    assertEquals(3, got.size(), got::toString);
    assertTrue(got.get(0).contains(":7:14 targets.orders.replicas.r1.url: a replica is of its primary's database "
        + "family"), got::toString);
    assertTrue(got.get(1).contains(":8:19 targets.orders.replicas.r1.password: passwords never live in files"),
        got::toString);
    assertTrue(got.get(2).contains(":9:9 targets.orders.replicas.r1.lag: unknown field"), got::toString);
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, text);
    return f;
  }
}
