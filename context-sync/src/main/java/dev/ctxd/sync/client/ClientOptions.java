package dev.ctxd.sync.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CtxClient} reaches the daemon. {@code host}: {@code unix:///path.sock} or
 * {@code tcp://host:port}. {@code stateDir}: where per-context client state lives (the CLI's,
 * {@code $XDG_CACHE_HOME/ctxd}, by default, so the CLI and an IDE share it). {@code rpcTimeout}:
 * the longest wait for any one reply. {@code keepalive}: how often an idle session pings the
 * daemon (keep it well under the daemon's {@code --idle-timeout}, 10m by default).
 * {@code reconnectInitial}/{@code reconnectMax}: the backoff between reconnection attempts.
 */
public record ClientOptions(String host, Path stateDir, Duration rpcTimeout, Duration keepalive, Duration reconnectInitial, Duration reconnectMax) {
  public ClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stateDir, "stateDir");
    for (Duration d : new Duration[] {rpcTimeout, keepalive, reconnectInitial, reconnectMax}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive, got " + d);
    }
    if (reconnectMax.compareTo(reconnectInitial) < 0) throw new IllegalArgumentException("reconnectMax < reconnectInitial");
  }

  /**
   * Defaults for the daemon the CLI would use: {@code $CTXD_HOST}, else the user's embedded
   * daemon's socket ({@code $XDG_RUNTIME_DIR/ctxd/ctxd.sock}). The library does not start a
   * daemon; {@code ctx daemon}, or any {@code ctx build}, does.
   */
  public static ClientOptions fromEnvironment() {
    String env = System.getenv("CTXD_HOST");
    if (env != null && !env.isBlank()) return forHost(env);
    return forHost("unix://" + dev.ctxd.sync.XdgDirs.fromEnvironment().daemonSocket());
  }

  /** Defaults for the daemon at {@code host}. */
  public static ClientOptions forHost(String host) {
    return new ClientOptions(host, dev.ctxd.sync.XdgDirs.fromEnvironment().cacheHome(), Duration.ofMinutes(5), Duration.ofSeconds(30),
        Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  public ClientOptions withStateDir(Path dir) {
    return new ClientOptions(host, dir, rpcTimeout, keepalive, reconnectInitial, reconnectMax);
  }

  public ClientOptions withKeepalive(Duration every) {
    return new ClientOptions(host, stateDir, rpcTimeout, every, reconnectInitial, reconnectMax);
  }

  public ClientOptions withReconnect(Duration initial, Duration max) {
    return new ClientOptions(host, stateDir, rpcTimeout, keepalive, initial, max);
  }

  public ClientOptions withRpcTimeout(Duration timeout) {
    return new ClientOptions(host, stateDir, timeout, keepalive, reconnectInitial, reconnectMax);
  }
}
