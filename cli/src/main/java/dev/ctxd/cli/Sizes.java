package dev.ctxd.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Sizes printed the way Docker prints them (go-units HumanSize: decimal units, 4 significant digits). */
final class Sizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private Sizes() {}

  static String human(double bytes) {
    int unit = 0;
    while (bytes >= 1000 && unit < UNITS.length - 1) {
      bytes /= 1000;
      unit++;
    }
    // Go's %.4g: four significant digits, no trailing zeros.
    String digits = new BigDecimal(bytes).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    return digits + UNITS[unit];
  }
}
