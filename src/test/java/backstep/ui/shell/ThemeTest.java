package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The zoom multiplies every px length of the console's sheets, in Locale.ROOT, and leaves the rest alone. */
class ThemeTest {
  @Test
  void everyPxLengthIsScaledAndNothingElse() {
    assertEquals(".a {\n  -fx-font-size: 16.80px;\n  -fx-padding: 4 6;\n  -fx-cell-size: 33.60px;\n}",
        Theme.scaled(".a {\n  -fx-font-size: 14px;\n  -fx-padding: 4 6;\n  -fx-cell-size: 28px;\n}", 1.2));
    assertEquals("-fx-font-size: 8.40px; -fx-background-radius: 0.5em;",
        Theme.scaled("-fx-font-size: 10.5px; -fx-background-radius: 0.5em;", 0.8));
  }
}
