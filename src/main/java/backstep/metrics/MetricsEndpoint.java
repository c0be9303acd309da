package backstep.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The HTTP endpoint Prometheus scrapes while a command runs: {@code GET /metrics} on the address and port asked for
 * (127.0.0.1 unless told otherwise: the metrics name targets, playbooks and change ids, not for every network). The
 * registry is this endpoint's own, never the client's global default, so two endpoints in one process (tests) do
 * not mix.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final PrometheusRegistry registry;
  private final HTTPServer server;
  private final String url;

  private MetricsEndpoint(PrometheusRegistry registry, HTTPServer server, String host) {
    this.registry = registry;
    this.server = server;
    this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort() + "/metrics";
  }

  /**
   * Listens on {@code address}:{@code port} ({@code port} 0: any free port, see {@link #url()}).
   *
   * @throws IOException when the address is unknown or the port taken, in words fit for the command line
   */
  public static MetricsEndpoint start(String address, int port) throws IOException {
    InetAddress at;
    try {
      at = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IOException("unknown address '" + address + "'");
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    try {
      HTTPServer server = HTTPServer.builder().inetAddress(at).port(port).registry(registry).buildAndStart();
      return new MetricsEndpoint(registry, server, at.getHostAddress());
    } catch (IOException e) {
      throw new IOException("cannot listen on " + address + ":" + port + ": " + e.getMessage());
    }
  }

  /** Where to scrape, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String url() {
    return url;
  }

  public int port() {
    return server.getPort();
  }

  /** A listener for the runs on {@code target}, registered in this endpoint. */
  public RunMetrics runMetrics(String target, Clock clock) {
    return new RunMetrics(registry, target, clock);
  }

  @Override
  public void close() {
    server.close();
  }
}
