package dev.ctxd.core;

import java.util.Comparator;

/**
 * The one order of context paths: by UTF-8 bytes, with {@code /} below every other byte.
 * It equals a depth-first walk that visits each directory's names in byte order (what
 * Docker's and BuildKit's walkers do), so a parent always comes right before its subtree:
 * {@code a}, {@code a/b}, {@code a-b}. Walker, diff, validator and tests all use it.
 */
public final class PathOrder {
  public static final Comparator<String> STRINGS = PathOrder::compare;
  public static final Comparator<RelPath> PATHS = RelPath::compareTo;

  private PathOrder() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(rank(ca), rank(cb));
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  // Code point order equals UTF-8 byte order; '/' is moved below everything (NUL never occurs).
  private static int rank(int codePoint) {
    return codePoint == '/' ? -1 : codePoint;
  }
}
