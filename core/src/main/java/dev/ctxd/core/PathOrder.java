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
    // Fast path over UTF-16 units: below the first difference both strings hold the same code
    // points, and where neither differing unit is a surrogate, units compare as code points.
    // Sorting and validating a manifest compares every neighbour pair, mostly long shared prefixes.
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) {
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) return compareCodePoints(a, b);
        return Integer.compare(rank(ca), rank(cb));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareCodePoints(String a, String b) {
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
