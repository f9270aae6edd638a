package dev.ctxd.sync.dockerfile;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Match} for one name: {@code *}, {@code ?}, {@code [^a-z]} classes and
 * {@code \} escapes; a malformed pattern matches nothing (Go returns ErrBadPattern).
 */
final class GoGlob {
  private GoGlob() {}

  static boolean matches(String pattern, String name) {
    String regex = toRegex(pattern);
    if (regex == null) {
      return false;
    }
    try {
      return Pattern.compile(regex, Pattern.DOTALL).matcher(name).matches();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static String toRegex(String pattern) {
    StringBuilder out = new StringBuilder();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      switch (c) {
        case '*' -> out.append("[^/]*");
        case '?' -> out.append("[^/]");
        case '\\' -> {
          if (++i >= cps.length) {
            return null;
          }
          out.append(lit(cps[i]));
        }
        case '[' -> {
          i++;
          StringBuilder cls = new StringBuilder("[");
          if (i < cps.length && cps[i] == '^') {
            cls.append('^');
            i++;
          }
          int members = 0;
          while (i < cps.length && (cps[i] != ']' || members == 0)) {
            int lo = cps[i];
            if (lo == '\\') {
              if (++i >= cps.length) {
                return null;
              }
              lo = cps[i];
            }
            i++;
            if (i + 1 < cps.length && cps[i] == '-' && cps[i + 1] != ']') {
              int hi = cps[++i];
              if (hi == '\\') {
                if (++i >= cps.length) {
                  return null;
                }
                hi = cps[i];
              }
              i++;
              if (hi < lo) {
                return null;
              }
              cls.append(lit(lo)).append('-').append(lit(hi));
            } else {
              cls.append(lit(lo));
            }
            members++;
          }
          if (i >= cps.length) {
            return null; // unterminated class
          }
          out.append(cls).append(']'); // names never contain '/', so no need to exclude it
        }
        default -> out.append(lit(c));
      }
    }
    return out.toString();
  }

  private static String lit(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }
}
