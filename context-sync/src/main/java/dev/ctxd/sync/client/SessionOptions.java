package dev.ctxd.sync.client;

import dev.ctxd.sync.upload.Compression;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Session} behaves. {@code dockerfile}: which Dockerfile (and so which ignore
 * file) filters the context, {@code ""} = {@code Dockerfile}. {@code watch}: keep the daemon
 * up to date as files change. {@code quietPeriod}/{@code maxDelay}: a burst of changes is
 * synced once no change came for the quiet period, or at the latest the max delay after its
 * first change. {@code compression}: which chunks travel LZ4-compressed (default: a sync's
 * first 8 MiB, see {@link Compression#SMALL_SYNCS}).
 */
public record SessionOptions(String dockerfile, boolean watch, Duration quietPeriod, Duration maxDelay, Compression compression) {
  public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(75);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);

  public SessionOptions {
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(compression, "compression");
    if (quietPeriod.isNegative() || quietPeriod.isZero() || maxDelay.compareTo(quietPeriod) < 0) {
      throw new IllegalArgumentException("need 0 < quiet period <= max delay, got " + quietPeriod + " and " + maxDelay);
    }
  }

  public static SessionOptions defaults() {
    return new SessionOptions("", false, DEFAULT_QUIET_PERIOD, DEFAULT_MAX_DELAY, Compression.SMALL_SYNCS);
  }

  public SessionOptions withDockerfile(String name) {
    return new SessionOptions(name, watch, quietPeriod, maxDelay, compression);
  }

  public SessionOptions withWatch(boolean value) {
    return new SessionOptions(dockerfile, value, quietPeriod, maxDelay, compression);
  }

  public SessionOptions withDebounce(Duration quiet, Duration max) {
    return new SessionOptions(dockerfile, watch, quiet, max, compression);
  }

  public SessionOptions withCompression(Compression value) {
    return new SessionOptions(dockerfile, watch, quietPeriod, maxDelay, value);
  }
}
