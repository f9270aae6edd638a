package dev.ctxd.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes printed the way Docker prints them: decimal units ({@code kB}, {@code MB}, ...).
 * Summaries use go-units' {@code HumanSize} (Go's {@code %.4g}: four significant digits, no
 * trailing zeros: {@code 1.049MB}, {@code 1kB}); progress lines use BuildKit's progress
 * format (tonistiigi/units {@code %.2f}: two decimals, bytes below 1kB as an integer:
 * {@code 2.34MB}, {@code 512B}). Rounding is half-even on the exact binary value, as Go's
 * formatter rounds.
 */
final class Sizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  private static final int SIGNIFICANT = 4;

  private Sizes() {}

  /** {@code 1 file}, {@code 0 files}, {@code 2 files}: the count of files in a summary. */
  static String files(long count) {
    return count + (count == 1 ? " file" : " files");
  }

  /** go-units {@code HumanSize(bytes)}: {@code 999} → {@code 999B}, {@code 1048576} → {@code 1.049MB}. */
  static String human(double bytes) {
    int unit = 0;
    while (bytes >= 1000 && unit < UNITS.length - 1) {
      bytes /= 1000;
      unit++;
    }
    return goG(bytes) + UNITS[unit];
  }

  /** BuildKit's progress bytes: {@code 2.34MB}, {@code 1.00kB}, {@code 999B}. */
  static String progress(long bytes) {
    if (bytes < 1000) return bytes + "B";
    int unit = 0;
    double value = bytes;
    // Same loop as tonistiigi/units: divide by the largest power of 1000 not above the value.
    long base = 1;
    while (unit < UNITS.length - 1 && base <= Long.MAX_VALUE / 1000 && bytes >= base * 1000) {
      base *= 1000;
      unit++;
    }
    value = bytes / (double) base;
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + UNITS[unit];
  }

  /** Go's {@code %.4g} of a non-negative finite value. */
  private static String goG(double value) {
    if (value == 0) return "0";
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= SIGNIFICANT) {
      // Scientific, as Go writes it: mantissa without trailing zeros, exponent with a sign and two digits.
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String sign = exponent < 0 ? "-" : "+";
      int abs = Math.abs(exponent);
      return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
