package dev.ctxd.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's Prometheus endpoint: {@code GET /metrics} in the text exposition format, on a
 * loopback address only (it has no authentication, and the meters describe the user's
 * builds). The creator closes it.
 */
final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** {@code HOST:PORT} with a loopback host ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}). */
  static InetSocketAddress parseLoopback(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("--metrics-addr must be HOST:PORT, e.g. 127.0.0.1:9464, not " + value);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--metrics-addr has no valid port: " + value);
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--metrics-addr names an unknown host: " + host);
    }
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("--metrics-addr must be a loopback address such as 127.0.0.1:PORT: the endpoint has no"
          + " authentication, so it is not served on " + host);
    }
    return new InetSocketAddress(address, port);
  }

  static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage() + " (is the port in use?)", e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ctxd-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> serve(exchange, registry));
    server.start();
    return new MetricsServer(server, executor);
  }

  private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
      if (!"HEAD".equals(exchange.getRequestMethod())) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
