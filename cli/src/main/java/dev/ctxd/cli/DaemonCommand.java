package dev.ctxd.cli;

import dev.ctxd.core.HostAddress;
import dev.ctxd.server.CtxDaemon;
import dev.ctxd.server.Limits;
import dev.ctxd.sync.XdgDirs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ctx daemon}: runs a daemon in the foreground until interrupted. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "Run the ctxd daemon in the foreground.")
final class DaemonCommand implements Callable<Integer> {
  @Option(names = "--root", paramLabel = "DIR", description = "State directory (default: $XDG_DATA_HOME/ctxd/daemon).")
  Path root;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Listen address: unix:///path or tcp://127.0.0.1:PORT (default: the user's socket).")
  String host;

  @Option(names = "--metrics-addr", paramLabel = "HOST:PORT", description = "Serve Prometheus metrics at http://HOST:PORT/metrics (loopback only, e.g. 127.0.0.1:9464).")
  String metricsAddr;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "End a session that sends nothing or stops reading replies for this long (default: 10m; a client hashing a huge context sends nothing meanwhile).")
  java.time.Duration idleTimeout = Limits.DEFAULT_IDLE_TIMEOUT;

  @Option(names = {"-G", "--group"}, paramLabel = "GROUP", description = "Group that may use the unix socket (read-write, like dockerd --group); default: owner only.")
  String group;

  @Option(names = "--tlscert", paramLabel = "FILE", description = "TLS certificate (PEM) for a tcp:// listener, like dockerd; needed on any non-loopback address.")
  Path tlsCert;

  @Option(names = "--tlskey", paramLabel = "FILE", description = "TLS private key (PEM) for --tlscert.")
  Path tlsKey;

  @Option(names = "--tlscacert", paramLabel = "FILE", description = "Trust client certificates signed by this CA (PEM).")
  Path tlsCaCert;

  @Option(names = "--tlsverify", description = "Require a client certificate signed by --tlscacert (mutual TLS; each certificate is its own tenant, no token).")
  boolean tlsVerify;

  @Option(names = "--tcp-no-auth", description = "Serve a loopback tcp:// address without the bearer token (every local user gets in; refused on other addresses).")
  boolean tcpNoAuth;

  @Option(names = "--check", description = "Check the store under --root for consistency, read-only (a running daemon may keep serving), list problems and exit (1 when there are any).")
  boolean check;

  @Option(names = "--gc", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Collect garbage automatically after builds and every minute (default: on; --no-gc turns it off).")
  boolean gc = true;

  @Option(names = "--gc-keep-duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "GC removes contexts unused for this long (default: 48h).")
  java.time.Duration gcKeepDuration = dev.ctxd.server.GcPolicy.DEFAULT_KEEP_DURATION;

  @Option(names = "--gc-reserved-space", paramLabel = "SIZE", converter = SizeParser.class,
      description = "GC never shrinks the cache below this (default: 10%% of the disk, at most 10GB).")
  Long gcReservedSpace;

  @Option(names = "--gc-max-used-space", paramLabel = "SIZE", converter = SizeParser.class,
      description = "GC keeps the cache at most this large (default: 60%% of the disk, at most 100GB; 0 = no limit).")
  Long gcMaxUsedSpace;

  @Option(names = "--gc-min-free-space", paramLabel = "SIZE", converter = SizeParser.class,
      description = "GC prunes while the disk has less free (default: 20%% of the disk; 0 = no limit).")
  Long gcMinFreeSpace;

  /** The defaults for the disk under {@code stateRoot}, with the flags given on top. */
  dev.ctxd.server.GcPolicy gcPolicy(Path stateRoot) {
    if (!gc) return dev.ctxd.server.GcPolicy.disabled();
    dev.ctxd.server.GcPolicy d = dev.ctxd.server.GcPolicy.defaults(stateRoot);
    return new dev.ctxd.server.GcPolicy(true, gcKeepDuration,
        gcReservedSpace != null ? gcReservedSpace : d.reservedSpace(),
        gcMaxUsedSpace != null ? gcMaxUsedSpace : d.maxUsedSpace(),
        gcMinFreeSpace != null ? gcMinFreeSpace : d.minFreeSpace());
  }

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    java.net.InetSocketAddress metricsAt = null;
    if (metricsAddr != null) {
      try {
        metricsAt = MetricsServer.parseLoopback(metricsAddr);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (idleTimeout.isZero()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--idle-timeout must be positive");
    XdgDirs dirs = XdgDirs.fromEnvironment();
    Path stateRoot = root != null ? root.toAbsolutePath() : dirs.daemonRoot();
    if (check) return StoreCheck.run(stateRoot, System.out);
    HostAddress address = host != null ? HostAddress.parse(host) : HostAddress.unix(dirs.daemonSocket());
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = metricsAt == null ? null
        : new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    if (registry != null) new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry); // jvm_memory_used_bytes: the load test's heap bound
    dev.ctxd.server.TcpSecurity tcp;
    try {
      tcp = new dev.ctxd.server.TcpSecurity(tlsCert, tlsKey, tlsCaCert, tlsVerify, tcpNoAuth);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // Metrics first: once the socket accepts sessions, a scrape must find the endpoint up.
    MetricsServer metrics = registry == null ? null : MetricsServer.start(metricsAt, registry);
    CtxDaemon daemon;
    try {
      daemon = CtxDaemon.start(stateRoot, address, Limits.defaults().withIdleTimeout(idleTimeout), registry, group, tcp, gcPolicy(stateRoot));
    } catch (java.io.IOException | RuntimeException e) {
      if (metrics != null) metrics.close();
      throw e;
    }
    if (metrics != null) System.err.println("ctxd metrics on http://" + metrics.address().getHostString() + ":" + metrics.address().getPort() + "/metrics");
    Path pidFile = stateRoot.resolve("daemon.pid");
    java.nio.file.Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (metrics != null) metrics.close();
      daemon.close();
      try {
        java.nio.file.Files.deleteIfExists(pidFile);
      } catch (java.io.IOException ignored) {
        // a stale pid file is harmless: the socket probe decides whether a daemon runs
      }
    }, "ctxd-shutdown"));
    System.err.println("ctxd daemon listening on " + daemon.address() + ", state in " + stateRoot);
    daemon.awaitTermination();
    return 0;
  }
}
