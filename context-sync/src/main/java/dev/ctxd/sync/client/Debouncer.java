package dev.ctxd.sync.client;

/**
 * Decides when a burst of file changes is over: a sync is due once no change came for the
 * quiet period (an editor's save is a few events within milliseconds), or at the latest the
 * maximum delay after the burst's first change (a {@code git checkout} of thousands of files
 * still shows progress). Times are {@link System#nanoTime()} values passed in, so tests drive
 * it without a clock. Thread-safe.
 */
final class Debouncer {
  static final long NOTHING_PENDING = Long.MAX_VALUE;

  private final long quietNanos;
  private final long maxDelayNanos;
  private boolean pending;
  private long firstAt;
  private long lastAt;

  Debouncer(long quietNanos, long maxDelayNanos) {
    if (quietNanos <= 0 || maxDelayNanos < quietNanos) {
      throw new IllegalArgumentException("need 0 < quiet period <= max delay, got " + quietNanos + "ns and " + maxDelayNanos + "ns");
    }
    this.quietNanos = quietNanos;
    this.maxDelayNanos = maxDelayNanos;
  }

  /** A change was seen at {@code now}. */
  synchronized void changed(long now) {
    if (!pending) {
      pending = true;
      firstAt = now;
    }
    lastAt = now;
  }

  /** When the pending burst is due, or {@link #NOTHING_PENDING}. */
  synchronized long dueAt() {
    if (!pending) return NOTHING_PENDING;
    return Math.min(lastAt + quietNanos, firstAt + maxDelayNanos);
  }

  /** True, and the burst is taken, when one is pending and due at {@code now}. */
  synchronized boolean takeIfDue(long now) {
    if (!pending || now - dueAt() < 0) return false;
    pending = false;
    return true;
  }

  /** Takes whatever is pending, due or not (a build flushes the burst at once). */
  synchronized void takeNow() {
    pending = false;
  }

  synchronized boolean pending() {
    return pending;
  }
}
