package dev.ctxd.ignore;

import java.util.ArrayList;
import java.util.List;

/**
 * An RE2 character class under construction, emitted for java.util.regex as explicit code point
 * ranges plus Java property escapes. Not thread-safe; used by one {@link GoRegex} parse.
 */
final class CharClass {
  private final List<int[]> ranges = new ArrayList<>();
  private final StringBuilder props = new StringBuilder();

  void add(int lo, int hi) {
    ranges.add(new int[] {lo, hi});
  }

  void addRanges(int[] pairs, boolean negate) {
    int[] r = negate ? complement(pairs) : pairs;
    for (int i = 0; i < r.length; i += 2) {
      add(r[i], r[i + 1]);
    }
  }

  void addProperty(String javaProps, boolean negate) {
    props.append(negate ? "[^" + javaProps + "]" : javaProps);
  }

  String toJava(boolean negated) {
    StringBuilder sb = new StringBuilder();
    for (int[] r : ranges) {
      sb.append(GoRegex.lit(r[0]));
      if (r[1] != r[0]) {
        sb.append('-').append(GoRegex.lit(r[1]));
      }
    }
    sb.append(props);
    if (sb.length() == 0) {
      return negated ? "[\\x{0}-\\x{10ffff}]" : "(?!)";
    }
    if (!negated) {
      return "[" + sb + "]";
    }
    // With nested property classes, negate by intersection so Java's rules for '^' before
    // nested classes cannot matter.
    return props.length() == 0 ? "[^" + sb + "]" : "[\\x{0}-\\x{10ffff}&&[^" + sb + "]]";
  }

  static int[] complement(int[] pairs) {
    List<int[]> sorted = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      sorted.add(new int[] {pairs[i], pairs[i + 1]});
    }
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<Integer> out = new ArrayList<>();
    int next = 0;
    for (int[] r : sorted) {
      if (r[0] > next) {
        out.add(next);
        out.add(r[0] - 1);
      }
      next = Math.max(next, r[1] + 1);
    }
    if (next <= Character.MAX_CODE_POINT) {
      out.add(next);
      out.add(Character.MAX_CODE_POINT);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static int[] posix(String name) {
    return switch (name) {
      case "alnum" -> new int[] {'0', '9', 'A', 'Z', 'a', 'z'};
      case "alpha" -> new int[] {'A', 'Z', 'a', 'z'};
      case "ascii" -> new int[] {0, 0x7F};
      case "blank" -> new int[] {'\t', '\t', ' ', ' '};
      case "cntrl" -> new int[] {0, 0x1F, 0x7F, 0x7F};
      case "digit" -> new int[] {'0', '9'};
      case "graph" -> new int[] {'!', '~'};
      case "lower" -> new int[] {'a', 'z'};
      case "print" -> new int[] {' ', '~'};
      case "punct" -> new int[] {'!', '/', ':', '@', '[', '`', '{', '~'};
      case "space" -> new int[] {'\t', '\r', ' ', ' '};
      case "upper" -> new int[] {'A', 'Z'};
      case "word" -> new int[] {'0', '9', 'A', 'Z', 'a', 'z', '_', '_'};
      case "xdigit" -> new int[] {'0', '9', 'A', 'F', 'a', 'f'};
      default -> null;
    };
  }
}
