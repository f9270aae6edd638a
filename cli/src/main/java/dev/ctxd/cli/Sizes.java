package dev.ctxd.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes printed the way Docker prints them: go-units {@code HumanSize}, i.e. decimal units and
 * Go's {@code %.4g} (four significant digits, no trailing zeros, rounded half to even on the
 * exact binary value, exponent form from 10^4 up, which only the last unit reaches).
 */
final class Sizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private Sizes() {}

  static String human(double bytes) {
    int unit = 0;
    while (bytes >= 1000 && unit < UNITS.length - 1) {
      bytes /= 1000;
      unit++;
    }
    return goG4(bytes) + UNITS[unit];
  }

  /** Go's {@code %.4g} of a non-negative value. */
  static String goG4(double value) {
    if (value == 0) return "0";
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 4) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
