package dev.ctxd.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Durations printed as BuildKit's progress output prints them: seconds with one decimal,
 * however long ({@code 0.3s}, {@code 62.0s}; never {@code 1m2s}).
 */
final class Times {
  /** BuildKit leaves the time off a status line that took no longer than this. */
  private static final long STATUS_MIN_NANOS = 10_000_000;

  private Times() {}

  /** {@code %.1fs}: a step's {@code DONE 0.3s}, the tty view's timer column. */
  static String seconds(long nanos) {
    return new BigDecimal(goSeconds(Math.max(0, nanos))).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "s";
  }

  /**
   * Go's {@code Duration.Seconds()}, whose float64 Go's {@code %.1f} rounds half-even on its
   * exact binary value: 0.05s prints as 0.1s (the double lies just above the tie), 0.25s as 0.2s.
   */
  private static double goSeconds(long nanos) {
    return (nanos / 1_000_000_000L) + (nanos % 1_000_000_000L) / 1e9;
  }

  /** A status line's time with its leading space, empty for 10ms or less, as BuildKit's plain printer does. */
  static String statusSuffix(long nanos) {
    return nanos > STATUS_MIN_NANOS ? " " + seconds(nanos) : "";
  }
}
