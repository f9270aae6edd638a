package dev.ctxd.ignore;

import java.nio.charset.StandardCharsets;

/**
 * Port of Go's {@code filepath.Match} (Unix), used by {@code patternmatcher.New} only for its error:
 * a pattern is rejected at construction exactly when {@code Match(pattern, ".")} fails. Works on
 * UTF-8 bytes like Go, so ranges compare code points and {@code ?} consumes one code point.
 */
final class GlobSyntax {
  private GlobSyntax() {}

  /** Thrown for {@code filepath.ErrBadPattern}. */
  static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;

    BadPattern() {
      super("syntax error in pattern", null, false, false);
    }
  }

  /** True when {@code filepath.Match(pattern, ".")} would not return ErrBadPattern. */
  static boolean isValid(String pattern) {
    try {
      match(pattern, ".");
      return true;
    } catch (BadPattern e) {
      return false;
    }
  }

  static boolean match(String patternText, String nameText) throws BadPattern {
    byte[] pattern = patternText.getBytes(StandardCharsets.UTF_8);
    byte[] name = nameText.getBytes(StandardCharsets.UTF_8);
    int p = 0;
    int n = 0;
    outer:
    while (p < pattern.length) {
      boolean star = false;
      while (p < pattern.length && pattern[p] == '*') {
        p++;
        star = true;
      }
      int chunkStart = p;
      int chunkEnd = scanChunkEnd(pattern, p);
      p = chunkEnd;
      if (star && chunkStart == chunkEnd) {
        // Trailing * matches the rest of the name unless it has a '/'.
        for (int i = n; i < name.length; i++) {
          if (name[i] == '/') {
            return false;
          }
        }
        return true;
      }
      int t = matchChunk(pattern, chunkStart, chunkEnd, name, n);
      if (t >= 0 && (t == name.length || p < pattern.length)) {
        n = t;
        continue;
      }
      if (star) {
        for (int i = n; i < name.length && name[i] != '/'; i++) {
          t = matchChunk(pattern, chunkStart, chunkEnd, name, i + 1);
          if (t >= 0) {
            if (p == pattern.length && t < name.length) {
              continue;
            }
            n = t;
            continue outer;
          }
        }
      }
      // Before returning false, check that the rest of the pattern is well-formed.
      while (p < pattern.length) {
        while (p < pattern.length && pattern[p] == '*') {
          p++;
        }
        int s = p;
        p = scanChunkEnd(pattern, p);
        matchChunk(pattern, s, p, name, name.length);
      }
      return false;
    }
    return n == name.length;
  }

  private static int scanChunkEnd(byte[] pattern, int start) {
    boolean inRange = false;
    int i = start;
    for (; i < pattern.length; i++) {
      byte b = pattern[i];
      if (b == '\\') {
        if (i + 1 < pattern.length) {
          i++;
        }
      } else if (b == '[') {
        inRange = true;
      } else if (b == ']') {
        inRange = false;
      } else if (b == '*' && !inRange) {
        break;
      }
    }
    return i;
  }

  /** Returns the new name offset on a match, -1 on a mismatch; throws on a malformed chunk. */
  private static int matchChunk(byte[] c, int ci, int ce, byte[] s, int si) throws BadPattern {
    boolean failed = false;
    while (ci < ce) {
      if (!failed && si == s.length) {
        failed = true;
      }
      byte b = c[ci];
      if (b == '[') {
        int r = 0;
        if (!failed) {
          int[] dec = decode(s, si, s.length);
          r = dec[0];
          si += dec[1];
        }
        ci++;
        boolean negated = false;
        if (ci < ce && c[ci] == '^') {
          negated = true;
          ci++;
        }
        boolean match = false;
        int nrange = 0;
        while (true) {
          if (ci < ce && c[ci] == ']' && nrange > 0) {
            ci++;
            break;
          }
          int[] lo = getEsc(c, ci, ce);
          ci = lo[1];
          int hi = lo[0];
          if (c[ci] == '-') {
            int[] h = getEsc(c, ci + 1, ce);
            hi = h[0];
            ci = h[1];
          }
          if (lo[0] <= r && r <= hi) {
            match = true;
          }
          nrange++;
        }
        if (match == negated) {
          failed = true;
        }
      } else if (b == '?') {
        if (!failed) {
          if (s[si] == '/') {
            failed = true;
          }
          si += decode(s, si, s.length)[1];
        }
        ci++;
      } else {
        if (b == '\\') {
          ci++;
          if (ci == ce) {
            throw new BadPattern();
          }
        }
        if (!failed) {
          if (c[ci] != s[si]) {
            failed = true;
          }
          si++;
        }
        ci++;
      }
    }
    return failed ? -1 : si;
  }

  /** Go's getEsc: returns {rune, next offset}. */
  private static int[] getEsc(byte[] c, int ci, int ce) throws BadPattern {
    if (ci >= ce || c[ci] == '-' || c[ci] == ']') {
      throw new BadPattern();
    }
    if (c[ci] == '\\') {
      ci++;
      if (ci >= ce) {
        throw new BadPattern();
      }
    }
    int[] dec = decode(c, ci, ce);
    if (dec[0] == 0xFFFD && dec[1] == 1) {
      throw new BadPattern();
    }
    int next = ci + dec[1];
    if (next >= ce) {
      throw new BadPattern();
    }
    return new int[] {dec[0], next};
  }

  /** utf8.DecodeRune: {rune, width}; invalid input gives {U+FFFD, 1}, empty gives {U+FFFD, 0}. */
  static int[] decode(byte[] b, int i, int end) {
    if (i >= end) {
      return new int[] {0xFFFD, 0};
    }
    int b0 = b[i] & 0xFF;
    if (b0 < 0x80) {
      return new int[] {b0, 1};
    }
    int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > end) {
      return new int[] {0xFFFD, 1};
    }
    int cp = b0 & (0xFF >> (len + 1));
    for (int k = 1; k < len; k++) {
      int bk = b[i + k] & 0xFF;
      if ((bk & 0xC0) != 0x80) {
        return new int[] {0xFFFD, 1};
      }
      cp = (cp << 6) | (bk & 0x3F);
    }
    return new int[] {cp, len};
  }
}
