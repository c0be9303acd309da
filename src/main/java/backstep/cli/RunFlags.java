package backstep.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that change a target. */
final class RunFlags {
  @Option(names = "--operator", paramLabel = "NAME", description = "Who runs this (default: your OS user).")
  String operator;

  @Option(names = "--approver", paramLabel = "NAME",
      description = "Second person approving gates that need approval (must differ from the operator).")
  String approver;

  @Option(names = {"-y", "--yes"},
      description = "Confirm gates and tick manual steps without asking (recorded in the ledger as --yes).")
  boolean yes;

  @Option(names = "--confirm-target", paramLabel = "NAME",
      description = "For a production target without a terminal: its name, typed as the confirmation.")
  String confirmTarget;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the ledger.")
  String reason;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;
}
