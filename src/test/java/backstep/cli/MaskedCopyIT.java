package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code backstep copy --mask}: a masked copy of a shop whose orders and referrals reference customers both by id and
 * by email joins on every foreign key exactly as the source does, keeps every unique key unique, contains none of
 * the source's emails, and is the same copy each time with the same key; personal columns without a rule are refused.
 */
class MaskedCopyIT {
  private static final int CUSTOMERS = 300;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aMaskedCopyJoinsOnEveryForeignKeyKeepsKeysUniqueAndHoldsNoSourceEmail(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb prod = ScratchDb.create(kind); ScratchDb copy = ScratchDb.create(kind);
        ScratchDb again = ScratchDb.create(kind)) {
      shop(prod);
      Path targets = targets(prod, copy, again);
      Path mask = maskFile("""
          mask:
            customers:
              full_name: fake-name
              email: fake-email
              phone: fake-phone
              birth_date: {shift-days: 30}
              tax_id: hash
              country: keep
          """);
      Cli.Result r = Cli.run("copy", "prod", "--targets", targets.toString(), "--target", "copy", "--mask",
          mask.toString());
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("3 tables, " + (CUSTOMERS + 2 * CUSTOMERS + CUSTOMERS) + " rows"), r::toString);
      assertTrue(r.out().contains("masked orders.billing_email: fake-email (follows customers.email)"), r::toString);
      assertTrue(r.out().contains("unproven: the row count is what was written"), "no success it did not check: " + r);

      String byId = "SELECT o.id, c.id FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id";
      String byEmail = "SELECT o.id, c.id FROM orders o JOIN customers c ON c.email = o.billing_email ORDER BY o.id";
      String referrals = "SELECT a.id, b.id FROM referrals r JOIN customers a ON a.email = r.referrer_email "
          + "JOIN customers b ON b.email = r.referred_email ORDER BY a.id, b.id";
      for (String join : List.of(byId, byEmail, referrals)) {
        List<String> source = rows(prod, join);
        assertFalse(source.isEmpty(), join);
        assertEquals(source, rows(copy, join), "the copy joins as the source does: " + join);
      }
      for (String unique : List.of("email", "tax_id", "id")) {
        assertEquals(rows(copy, "SELECT count(*) FROM customers"), rows(copy, "SELECT count(DISTINCT " + unique
            + ") FROM customers"), unique + " stays unique");
      }
      Set<String> emails = new HashSet<>(rows(prod, "SELECT email FROM customers"));
      List<String> everything = new ArrayList<>();
      for (String t : List.of("customers", "orders", "referrals")) {
        everything.addAll(rows(copy, "SELECT * FROM " + t));
      }
      for (String line : everything) {
        for (String email : emails) {
          assertFalse(line.contains(email), () -> "source email " + email + " in the copy: " + line);
        }
      }
      assertEquals(rows(prod, "SELECT country FROM customers ORDER BY id"),
          rows(copy, "SELECT country FROM customers ORDER BY id"), "kept as it is");
      assertFalse(rows(prod, "SELECT full_name FROM customers ORDER BY id")
          .equals(rows(copy, "SELECT full_name FROM customers ORDER BY id")));

      Cli.Result second = Cli.run("copy", "prod", "--targets", targets.toString(), "--target", "again", "--mask",
          mask.toString());
      assertEquals(0, second.exit(), second::toString);
      String all = "SELECT id, full_name, email, phone, birth_date, tax_id FROM customers ORDER BY id";
      assertEquals(rows(copy, all), rows(again, all), "the same key gives the same copy");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void personalColumnsWithoutARuleAndRulesThatBreakAJoinAreRefused(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb prod = ScratchDb.create(kind); ScratchDb copy = ScratchDb.create(kind);
        ScratchDb unused = ScratchDb.create(kind)) {
      shop(prod);
      Path targets = targets(prod, copy, unused);
      Cli.Result r = Cli.run("copy", "prod", "--targets", targets.toString(), "--target", "copy");
      assertEquals(ExitCodes.INVALID, r.exit(), r::toString);
      assertTrue(r.err().contains("customers.full_name, customers.email, customers.phone, customers.birth_date, "
          + "orders.billing_email, referrals.referrer_email, referrals.referred_email look personal and have no "
          + "mask rule"), r::toString);
      assertEquals(List.of(), rows(copy, tablesQuery(kind)), "nothing was copied");

      Path breaking = maskFile("""
          mask:
            customers:
              full_name: fake-name
              email: fake-email
              phone: null
              birth_date: keep
            orders:
              billing_email: keep
          """);
      r = Cli.run("copy", "prod", "--targets", targets.toString(), "--target", "copy", "--mask", breaking.toString());
      assertEquals(ExitCodes.INVALID, r.exit(), r::toString);
      assertTrue(r.err().contains(breaking + ":9:20 mask.orders.billing_email: references customers.email, which is "
          + "masked"), r::toString);

      r = Cli.run("copy", "prod", "--targets", targets.toString(), "--target", "copy", "--unmasked", "--rows",
          "10");
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.err().contains("Copying unmasked (--unmasked): customers.birth_date, customers.email"),
          r::toString);
    }
  }

  private static String tablesQuery(ScratchDb.Kind kind) {
    return kind == ScratchDb.Kind.POSTGRES
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = database()";
  }

  private Path maskFile(String rules) throws Exception {
    Path key = dir.resolve("mask.key");
    Files.writeString(key, "a-test-key-of-some-length\n");
    Path mask = dir.resolve("mask-" + Integer.toHexString(rules.hashCode()) + ".yaml");
    Files.writeString(mask, "key_file: mask.key\n" + rules);
    return mask;
  }

  /** customers; orders reference them by id and by email; referrals pair two customers by email. */
  private static void shop(ScratchDb db) throws SQLException {
    db.exec("CREATE TABLE customers (id INT NOT NULL PRIMARY KEY, full_name VARCHAR(100) NOT NULL, "
            + "email VARCHAR(200) NOT NULL, phone VARCHAR(40), birth_date DATE, country CHAR(2), tax_id VARCHAR(40), "
            + "CONSTRAINT customers_email_key UNIQUE (email), CONSTRAINT customers_tax_key UNIQUE (tax_id))",
        "CREATE TABLE orders (id INT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, billing_email VARCHAR(200), "
            + "total DECIMAL(10,2), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id), "
            + "CONSTRAINT orders_billing_fk FOREIGN KEY (billing_email) REFERENCES customers (email))",
        "CREATE TABLE referrals (referrer_email VARCHAR(200) NOT NULL, referred_email VARCHAR(200) NOT NULL, "
            + "PRIMARY KEY (referrer_email, referred_email), "
            + "CONSTRAINT referrals_from_fk FOREIGN KEY (referrer_email) REFERENCES customers (email), "
            + "CONSTRAINT referrals_to_fk FOREIGN KEY (referred_email) REFERENCES customers (email))");
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement cu = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement or = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
          PreparedStatement re = c.prepareStatement("INSERT INTO referrals VALUES (?, ?)")) {
        for (int i = 1; i <= CUSTOMERS; i++) {
          cu.setInt(1, i);
          cu.setString(2, "Person " + i % 37 + " Smith");
          cu.setString(3, "person" + i + "@shop.test");
          cu.setString(4, "+44 20 7946 " + (1000 + i));
          cu.setDate(5, java.sql.Date.valueOf(java.time.LocalDate.of(1970, 1, 1).plusDays(i * 37L)));
          cu.setString(6, i % 2 == 0 ? "GB" : "FR");
          cu.setString(7, "TAX-" + i);
          cu.addBatch();
          for (int k = 0; k < 2; k++) {
            or.setInt(1, i * 2 + k);
            or.setInt(2, i);
            or.setString(3, k == 0 ? "person" + i + "@shop.test" : i % 3 == 0 ? null : "person" + (i % 50 + 1)
                + "@shop.test");
            or.setBigDecimal(4, java.math.BigDecimal.valueOf(i * 100 + k, 2));
            or.addBatch();
          }
          re.setString(1, "person" + i + "@shop.test");
          re.setString(2, "person" + (i % CUSTOMERS + 1) + "@shop.test");
          re.addBatch();
        }
        cu.executeBatch();
        or.executeBatch();
        re.executeBatch();
      }
      c.commit();
    }
  }

  private Path targets(ScratchDb prod, ScratchDb copy, ScratchDb again) throws Exception {
    Path targets = dir.resolve("targets.yaml");
    Files.writeString(targets, """
        targets:
          prod:
            url: %s
            user: %s
            environment: production
          copy:
            url: %s
            user: %s
            environment: staging
          again:
            url: %s
            user: %s
            environment: staging
        """.formatted(prod.url(), prod.user(), copy.url(), copy.user(), again.url(), again.user()));
    return targets;
  }

  /** Every row of {@code sql}, its columns joined by '|'. */
  private static List<String> rows(ScratchDb db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }
}
