package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.engine.EngineException;
import backstep.engine.ErrorCode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One source of truth for exit codes (issue 14 item 9): the engine's ErrorCode, the help's list, the process exit. */
class ErrorCodesTest {
  @Test
  void theHelpListsExactlyTheErrorCodes() {
    Set<String> listed = new CommandLine(new Main()).getCommandSpec().usageMessage().exitCodeList().keySet().stream()
        .map(String::strip).collect(Collectors.toSet());
    Set<String> codes = Arrays.stream(ErrorCode.values()).map(c -> Integer.toString(c.exit()))
        .collect(Collectors.toSet());
    assertEquals(codes, listed);
  }

  @Test
  void anEngineRefusalExitsWithItsCode() {
    for (ErrorCode c : ErrorCode.values()) {
      assertEquals(c.exit(), new EngineException(c, "x").exitCode());
    }
    assertEquals(ExitCodes.DECLINED, EngineException.DECLINED.exit());
  }
}
