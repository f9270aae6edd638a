package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A real daemon's {@code /metrics}, for end-to-end tests that check what a step counted. */
final class DaemonMetrics {
  private final URI metrics;
  private final HttpClient http = HttpClient.newHttpClient();

  private DaemonMetrics(URI metrics) {
    this.metrics = metrics;
  }

  /** Starts {@code harness}'s daemon with {@code --metrics-addr} on a free loopback port. */
  static DaemonMetrics startDaemon(CtxHarness harness) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    harness.startDaemon("--metrics-addr", "127.0.0.1:" + port);
    return new DaemonMetrics(URI.create("http://127.0.0.1:" + port + "/metrics"));
  }

  /** {@code name{labels}} → value, from the Prometheus text format. */
  Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    Map<String, Double> values = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return values;
  }
}
