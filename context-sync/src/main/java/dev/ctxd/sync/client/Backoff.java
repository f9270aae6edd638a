package dev.ctxd.sync.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnection delays: exponential from {@code initial}, capped at {@code max}, each drawn
 * uniformly from the upper half of its step ("equal jitter"), so many clients of one
 * restarted daemon do not reconnect in lockstep, yet none retries at once. Not thread-safe:
 * one reconnect loop owns it.
 */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int attempts;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max backoff, got " + initial + " and " + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one failed attempt. */
  Duration next() {
    int shift = Math.min(attempts, 30);
    attempts++;
    long step = initialNanos << shift;
    if (step <= 0 || step > maxNanos) step = maxNanos;
    long half = step / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (step - half)));
  }

  int attempts() {
    return attempts;
  }

  void reset() {
    attempts = 0;
  }
}
