package dev.ctxd.sync.dockerfile;

/** Go's {@code %q} quoting and {@code unicode.IsSpace}, so messages and splits match BuildKit. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format("\\x%02x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /** Go's {@code unicode.IsSpace}: ASCII blanks, NEL, NBSP and the Unicode space separators. */
  static boolean isSpace(int cp) {
    if (cp <= 0xff) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xa0;
    }
    return Character.isSpaceChar(cp);
  }
}
