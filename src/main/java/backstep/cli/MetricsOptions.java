package backstep.cli;

import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-address}: a Prometheus endpoint while the command runs. */
final class MetricsOptions {
  @Option(names = "--metrics-port", paramLabel = "PORT", description = {"Serve Prometheus metrics (telemetry "
      + "samples, guard states, step progress, run state) at http://ADDRESS:PORT/metrics while the command runs; "
      + "0 picks a free port. The URL is printed on standard error."})
  Integer port;

  @Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address the metrics endpoint listens on (default: ${DEFAULT-VALUE}, this host only).")
  String address;
}
