package dev.ctxd.cli;

import java.util.Locale;

/** Durations printed as BuildKit prints them in its progress output: seconds, one decimal. */
final class Times {
  private Times() {}

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", Math.max(0, nanos) / 1e9);
  }
}
