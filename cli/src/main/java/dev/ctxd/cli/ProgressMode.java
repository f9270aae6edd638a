package dev.ctxd.cli;

import java.util.Locale;

/** {@code --progress}: how {@code ctx build} shows what it is doing, as BuildKit's flag of that name. */
enum ProgressMode {
  AUTO, TTY, PLAIN, QUIET, RAWJSON;

  static ProgressMode parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--progress must be auto, tty, plain, quiet or rawjson, not " + value);
    }
  }
}
