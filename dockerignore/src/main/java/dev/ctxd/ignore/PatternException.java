package dev.ctxd.ignore;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A .dockerignore (or include) pattern Docker would reject: a syntax error found when the matcher is
 * built, an illegal lone {@code !}, or a regexp error that Docker only reports when the pattern is
 * first evaluated. The message names the pattern and, when known, the file and line, e.g.
 * {@code .dockerignore line 3: syntax error in pattern "[z-a]"}. Building the context must fail.
 * Immutable.
 */
public final class PatternException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final String source;
  private final int line;

  /**
   * @param reason Docker's reason, e.g. {@code syntax error in pattern}
   * @param pattern the offending pattern as written after parsing ({@code !} prefix kept)
   * @param source the ignore file's name, or null when the pattern came from a plain list
   * @param line the 1-based line in {@code source}, or 0 when unknown
   */
  public PatternException(String reason, String pattern, String source, int line) {
    super(format(reason, pattern, source, line));
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.source = source;
    this.line = line;
  }

  /** The offending pattern. */
  public String pattern() {
    return pattern;
  }

  /** The ignore file the pattern came from, when known. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The 1-based line of the pattern in its ignore file, when known. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  private static String format(String reason, String pattern, String source, int line) {
    String where = "";
    if (source != null) {
      where = line > 0 ? source + " line " + line + ": " : source + ": ";
    }
    return where + reason + " " + quote(pattern);
  }

  /** Go-style %q so invisible characters in a pattern stay visible in the message. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> {
          if (cp < 0x20 || cp == 0x7F || Character.isWhitespace(cp) && cp != ' '
              || Character.getType(cp) == Character.FORMAT) {
            sb.append(String.format(cp <= 0xFFFF ? "\\u%04x" : "\\U%08x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append('"').toString();
  }
}
