package backstep.cli;

import backstep.engine.EngineException;
import backstep.integrity.MaskRules;
import backstep.integrity.Masking;
import backstep.integrity.SchemaCopy;
import backstep.playbook.InvalidFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** {@code --mask FILE} and {@code --unmasked}: how the rows of a copy are anonymized. */
final class MaskOptions {
  @Option(names = "--mask", paramLabel = "FILE", description = {"Mask rules for the copied rows (mask: table: "
      + "column: keep | null | hash | fake-name | fake-email | fake-phone | {fixed: V} | {shift-days: N}); see "
      + "docs/targets.md. Foreign-key columns follow the column they reference."})
  Path mask;

  @Option(names = "--unmasked", description = {"Copy columns that look personal (name, email, phone, address, birth "
      + "date) and have no mask rule as they are (refused by default)."})
  boolean unmasked;

  /**
   * {@code copy} with its masking planned against the source schema: rule problems exit 2 with file:line, personal
   * columns without a rule are refused; notes name the personal columns copied in clear under --unmasked.
   */
  SchemaCopy plan(SchemaCopy copy, PrintWriter err) throws InvalidFileException, EngineException {
    MaskRules rules = mask == null ? MaskRules.none() : MaskRules.load(mask);
    try {
      Masking m = Masking.plan(copy.snapshot(), rules, unmasked);
      if (!m.unmaskedPersonal().isEmpty()) {
        err.println("Copying unmasked (--unmasked): " + String.join(", ", m.unmaskedPersonal()));
      }
      return copy.masked(m);
    } catch (Masking.Refused e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the copy's source schema: "
          + e.getMessage());
    }
  }

  /** Refuses mask options where no rows are copied. */
  void onlyWithRows(boolean rows, String why) throws EngineException {
    if (!rows && (mask != null || unmasked)) {
      throw new EngineException(EngineException.INVALID, (mask != null ? "--mask" : "--unmasked") + ": " + why);
    }
  }
}
