package dev.ctxd.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Size flags read the way Docker reads {@code --keep-storage} and {@code --reserved-space}
 * (go-units {@code RAMInBytes}): a number, optionally with a fraction, an optional space, then
 * an optional unit k, m, g, t or p, case-insensitive, optionally followed by {@code i} and
 * {@code b}. Units are binary whatever the spelling: {@code 10GB}, {@code 10GiB} and {@code 10g}
 * are all 10×1024³ bytes, as in Docker. The result is truncated to whole bytes.
 */
final class SizeParser implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("(?i)^(\\d+(?:\\.\\d+)*) ?([kmgtp])?i?b?$");
  private static final String PREFIXES = "kmgtp";

  @Override
  public Long convert(String text) {
    return parse(text);
  }

  static long parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) throw new TypeConversionException("invalid size: '" + text + "' (want e.g. 10GB, 512MiB, 1.5g)");
    double number;
    try {
      number = Double.parseDouble(m.group(1)); // Go's ParseFloat; "1.2.3" passes the pattern and fails here, as there
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid size: '" + text + "' (want e.g. 10GB, 512MiB, 1.5g)");
    }
    if (m.group(2) != null) number *= Math.pow(1024, PREFIXES.indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1);
    if (number >= 0x1p63) throw new TypeConversionException("size too large: '" + text + "'");
    return (long) number; // float64 arithmetic truncated, as Go's int64(size)
  }
}
