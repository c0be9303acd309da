package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.integrity.MaskRules.Kind;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mask files: every rule form, positioned errors, personal-looking names, and keyed values that are stable. */
class MaskRulesTest {
  @TempDir
  Path dir;

  @Test
  void readsEveryRuleForm() throws Exception {
    MaskRules r = MaskRules.load(write("""
        key_env: SHOP_MASK_KEY
        mask:
          customers:
            a: keep
            b: null
            c: hash
            d: fake-name
            e: fake-email
            f: fake-phone
            g: {fixed: n/a}
            h: {shift-days: 30}
        """));
    assertEquals("SHOP_MASK_KEY", r.keyEnv());
    assertEquals(List.of(Kind.KEEP, Kind.NULL, Kind.HASH, Kind.FAKE_NAME, Kind.FAKE_EMAIL, Kind.FAKE_PHONE,
        Kind.FIXED, Kind.SHIFT_DAYS), r.tables().get("customers").values().stream().map(MaskRules.Rule::kind).toList());
    assertEquals("n/a", r.rule("customers", "g").orElseThrow().argument());
    assertEquals("30", r.rule("customers", "h").orElseThrow().argument());
  }

  @Test
  void namesTheLineAndFieldOfEveryBadRule() throws Exception {
    Path f = write("""
        mask:
          customers:
            email: scramble
            born: {shift-days: soon}
            tier: fixed
        extra: 1
        """);
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> MaskRules.load(f));
    List<String> got = e.problems().stream().map(Problem::format).toList();
    assertEquals(4, got.size(), got::toString);
    assertTrue(got.get(0).contains(":3:12 mask.customers.email: unknown mask rule 'scramble'"), got::toString);
    assertTrue(got.get(1).contains(":4:24 mask.customers.born.shift-days: shift-days takes a whole number"),
        got::toString);
    assertTrue(got.get(2).contains(":5:11 mask.customers.tier: fixed needs a value: {fixed: VALUE}"), got::toString);
    assertTrue(got.get(3).contains(":6:1 extra: unknown field"), got::toString);
  }

  @Test
  void columnsThatLookPersonal() {
    for (String c : List.of("full_name", "email", "EmailAddress", "phone_number", "mobile", "home_address",
        "birth_date", "dateOfBirth", "dob", "username", "name")) {
      assertTrue(Masking.looksPersonal(c), c);
    }
    for (String c : List.of("id", "country", "total", "created_at", "status", "tax_id")) {
      assertFalse(Masking.looksPersonal(c), c);
    }
  }

  @Test
  void keyedValuesDependOnTheValueAndTheKeyOnly() {
    Masking.Mask email = new Masking.Mask(Kind.FAKE_EMAIL, null, "c.email", "varchar(200)", true, 200);
    MaskValues one = new MaskValues("one-key-0123456789".getBytes(StandardCharsets.UTF_8));
    MaskValues two = new MaskValues("two-key-0123456789".getBytes(StandardCharsets.UTF_8));
    Object a = one.mask(email, "ann@shop.test");
    assertEquals(a, one.mask(email, "ann@shop.test"));
    assertNotEquals(a, one.mask(email, "bob@shop.test"));
    assertNotEquals(a, two.mask(email, "ann@shop.test"));
    assertTrue(a.toString().endsWith("@example.com"), a::toString);
    Masking.Mask id = new Masking.Mask(Kind.HASH, null, "c.id", "integer", true, Integer.MAX_VALUE);
    assertEquals(((Number) one.mask(id, 5)).longValue(), ((Number) one.mask(id, 5L)).longValue(),
        "an int key and the bigint column referencing it mask alike");
    Masking.Mask shift = new Masking.Mask(Kind.SHIFT_DAYS, "10", "c.born", "date", false, Integer.MAX_VALUE);
    java.time.LocalDate born = java.time.LocalDate.of(1990, 5, 17);
    long moved = java.time.temporal.ChronoUnit.DAYS.between(born, (java.time.LocalDate) one.mask(shift, born));
    assertTrue(moved >= -10 && moved <= 10, () -> "moved " + moved);
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("mask.yaml");
    Files.writeString(f, text);
    return f;
  }
}
