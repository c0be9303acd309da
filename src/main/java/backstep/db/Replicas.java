package backstep.db;

import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a target's {@code replicas:} from targets.yaml: a mapping of replica name to {@code url}, {@code user} and
 * {@code password_env}, of the same database family as the target.
 *
 * <pre>
 * targets:
 *   orders:
 *     url: jdbc:postgresql://orders-primary:5432/orders
 *     replicas:
 *       orders-r1: {url: "jdbc:postgresql://orders-r1:5432/orders", user: backstep, password_env: ORDERS_PASSWORD}
 * </pre>
 */
final class Replicas {
  private Replicas() {}

  static List<ReplicaSpec> read(YamlObject target, String targetUrl) {
    List<ReplicaSpec> out = new ArrayList<>();
    target.get("replicas").flatMap(n -> YamlObject.of(n, target.child("replicas"), target.problems())).ifPresent(rs -> {
      for (String name : ((YamlTree.MapNode) rs.node()).entries().keySet()) {
        rs.get(name).flatMap(n -> YamlObject.of(n, rs.child(name), rs.problems())).ifPresent(r -> {
          String url = r.requiredString("url").orElse(null);
          if (url != null) {
            try {
              if (Dialect.familyOf(url) != Dialect.familyOf(targetUrl)) {
                r.problems().add(r.get("url").get(), r.child("url"), "a replica is of its primary's database family");
              }
            } catch (IllegalArgumentException e) {
              r.problems().add(r.get("url").get(), r.child("url"), e.getMessage()); // the target's own is reported
            }
            for (String problem : JdbcUrls.problems(url)) {
              r.problems().add(r.get("url").get(), r.child("url"), problem.replace("name an environment variable",
                  "name an environment variable in password_env"));
            }
          }
          String user = r.string("user").orElse(null);
          String passwordEnv = r.string("password_env").orElse(null);
          r.get("password").ifPresent(n -> r.problems().add(n, r.child("password"),
              "passwords never live in files; name an environment variable in password_env"));
          r.finish();
          if (url != null) {
            out.add(new ReplicaSpec(name, url, user, passwordEnv));
          }
        });
      }
    });
    return List.copyOf(out);
  }
}
