package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.conf.PropertyKey;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

/**
 * No JDBC URL carries a secret past the door, and none is printed with one (regression: issue 14, item 2:
 * {@code ?password1=…} passed the old "password=" rule and was printed and written to the ledger).
 */
class JdbcUrlsTest {
  private static final String SECRET = "S3cr3t-value";

  /** Every property of the two drivers that carries a secret, as their documentation lists them. */
  private static final List<String> SECRET_PROPERTIES = List.of("password", "sslpassword", "password1", "password2",
      "password3", "trustCertificateKeyStorePassword", "clientCertificateKeyStorePassword",
      "xdevapi.ssl-keystore-password", "xdevapi.ssl-truststore-password", "keyStorePassword", "trustStorePassword");

  @Test
  void everySecretPropertyOfBothDriversIsRefusedInAnyCase() {
    for (String name : SECRET_PROPERTIES) {
      for (String written : List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
        for (String url : List.of("jdbc:postgresql://db.example:5432/shop?ssl=true&" + written + "=" + SECRET,
            "jdbc:mysql://db.example:3306/shop?" + written + "=" + SECRET + "&sslMode=REQUIRED")) {
          List<String> p = JdbcUrls.problems(url);
          assertEquals(1, p.size(), url + " " + p);
          assertTrue(p.get(0).contains("must not contain a secret"), p.toString());
          assertFalse(Redact.url(url).contains(SECRET), Redact.url(url));
        }
      }
    }
  }

  @Test
  void secretsInMysqlHostSyntaxAndPercentEncodedNamesAreRefusedToo() {
    for (String url : List.of("jdbc:mysql://(host=db.example,port=3306,password=" + SECRET + ")/shop",
        "jdbc:mysql://address=(host=db.example)(port=3306)(Password1=" + SECRET + ")/shop",
        "jdbc:postgresql://db.example/shop?pass%77ord=" + SECRET)) {
      assertFalse(JdbcUrls.problems(url).isEmpty(), url);
      assertFalse(Redact.url(url).contains(SECRET), Redact.url(url));
    }
  }

  @Test
  void everyDriverPropertyNamedForAPasswordIsTreatedAsSecret() {
    // guards a driver upgrade: a new *password* property is refused without anyone remembering to list it
    List<String> names = new java.util.ArrayList<>();
    for (PGProperty p : PGProperty.values()) {
      names.add(p.getName());
    }
    for (PropertyKey k : PropertyKey.values()) {
      names.add(k.getKeyName());
    }
    for (String n : names) {
      boolean named = n.toLowerCase(Locale.ROOT).contains("password");
      boolean harmless = n.equals("passwordCharacterEncoding") || n.equals("disconnectOnExpiredPasswords");
      assertEquals(named && !harmless, JdbcUrls.isSecret(n), n);
    }
  }

  @Test
  void userInfoIsRefusedAndRedacted() {
    for (String url : List.of("jdbc:postgresql://app:" + SECRET + "@db.example/shop",
        "jdbc:mysql://app:" + SECRET + "@db.example:3306/shop", "jdbc:mysql://app@db.example/shop")) {
      assertTrue(JdbcUrls.problems(url).stream().anyMatch(p -> p.contains("user-info")), url);
      assertFalse(Redact.url(url).contains(SECRET), Redact.url(url));
    }
  }

  @Test
  void portsMustBeNumbersFrom1To65535() {
    assertEquals(List.of("port 'abc' is not a number from 1 to 65535"),
        JdbcUrls.problems("jdbc:postgresql://db.example:abc/shop"));
    assertEquals(List.of("port '99999' is not a number from 1 to 65535"),
        JdbcUrls.problems("jdbc:mysql://db.example:99999/shop"));
    assertEquals(List.of("port '0' is not a number from 1 to 65535"),
        JdbcUrls.problems("jdbc:mysql://(host=db.example,port=0)/shop"));
    assertEquals(List.of(), JdbcUrls.problems("jdbc:postgresql://a.example:5432,[::1]:5433,b.example/shop"));
  }

  @Test
  void ordinaryUrlsPassAndPrintAsWritten() {
    for (String url : List.of("jdbc:postgresql://127.0.0.1:5432/shop?sslmode=require&ApplicationName=x",
        "jdbc:mysql://db.example:3306/shop?passwordCharacterEncoding=UTF-8&sslMode=VERIFY_CA",
        "jdbc:postgresql:shop")) {
      assertEquals(List.of(), JdbcUrls.problems(url), url);
      assertEquals(url, Redact.url(url));
    }
  }

  @Test
  void driverMessagesQuotingAUrlAreRedacted() {
    String hikari = "Failed to get driver instance for jdbcUrl=jdbc:postgresql://h:99999/x?sslfactoryarg=" + SECRET
        + "&password=" + SECRET;
    assertEquals("Failed to get driver instance for jdbcUrl=jdbc:postgresql://h:99999/x?sslfactoryarg=***"
        + "&password=***", Redact.text(hikari));
  }
}
