package dev.ctxd.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one session may ask of the daemon. Checked at the edge, before anything is stored,
 * so a hostile or broken client costs bounded memory and disk. {@code idleTimeout} ends a
 * session that sends nothing (or stops reading replies) for that long.
 */
public record Limits(long maxEntries, long maxContextBytes, int maxEntriesPerBatch, Duration idleTimeout) {
  /** Generous: between Hello and SyncBegin a client hashes its whole context without a word. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  public static Limits defaults() {
    return new Limits(4_000_000, 1L << 40, 10_000);
  }

  public Limits(long maxEntries, long maxContextBytes, int maxEntriesPerBatch) {
    this(maxEntries, maxContextBytes, maxEntriesPerBatch, DEFAULT_IDLE_TIMEOUT);
  }

  public Limits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxEntries <= 0 || maxContextBytes <= 0 || maxEntriesPerBatch <= 0) throw new IllegalArgumentException("limits must be positive");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
  }

  public Limits withIdleTimeout(Duration timeout) {
    return new Limits(maxEntries, maxContextBytes, maxEntriesPerBatch, timeout);
  }
}
