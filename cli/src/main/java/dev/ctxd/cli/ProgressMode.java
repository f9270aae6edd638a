package dev.ctxd.cli;

import java.util.Locale;

/** {@code --progress}: how {@code ctx build} shows what it is doing, as BuildKit's flag of that name. */
enum ProgressMode {
  AUTO, TTY, PLAIN, QUIET, RAWJSON;

  /** Reads the flag's value while parsing, so a bad one is a usage error before anything runs. */
  static final class Converter implements picocli.CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("must be auto, tty, plain, quiet or rawjson, not '" + value + "'");
      }
    }
  }
}
