package dev.ctxd.ignore;

import java.util.regex.Pattern;

/**
 * One pattern of a {@link PatternMatcher}, as patternmatcher's {@code Pattern}: cleaned text,
 * exclusion flag, and a match strategy chosen like its {@code compile}: literal equality, a
 * {@code **} prefix or suffix test, or a regexp. The regexp is translated once at construction;
 * an RE2 compile error is kept and thrown on every evaluation, which is when Go reports it.
 * Immutable, so thread-safe.
 */
final class CompiledPattern {
  private enum Kind { EXACT, PREFIX, SUFFIX, REGEX, INVALID }

  private final String cleaned;
  private final boolean exclusion;
  private final int line;
  private final String source;
  private final int dirCount;
  private final Kind kind;
  private final String affix;
  private final Pattern regex;

  CompiledPattern(String cleaned, boolean exclusion, int line, String source) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    this.line = line;
    this.source = source;
    this.dirCount = cleaned.split("/", -1).length;
    Kind k = Kind.EXACT;
    StringBuilder re = new StringBuilder("^");
    int[] cps = cleaned.codePoints().toArray();
    int i = 0;
    // text/scanner drops a BOM at the very start of its input.
    if (cps.length > 0 && cps[0] == 0xFEFF) {
      i = 1;
    }
    boolean firstToken = true;
    while (i < cps.length) {
      int ch = cps[i++];
      if (ch == '*') {
        if (i < cps.length && cps[i] == '*') {
          i++;
          if (i < cps.length && cps[i] == '/') {
            i++; // "**/" is treated as "**"
          }
          if (i == cps.length) {
            if (k == Kind.EXACT) {
              k = Kind.PREFIX;
            } else {
              re.append(".*");
              k = Kind.REGEX;
            }
          } else {
            re.append("(.*/)?");
            k = Kind.REGEX;
          }
          if (firstToken) {
            k = Kind.SUFFIX;
          }
        } else {
          re.append("[^/]*");
          k = Kind.REGEX;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        k = Kind.REGEX;
      } else if (".+()|{}$".indexOf(ch) >= 0) {
        re.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (i < cps.length) {
          re.append('\\').appendCodePoint(cps[i++]);
          k = Kind.REGEX;
        } else {
          re.append('\\');
        }
      } else if (ch == '[' || ch == ']') {
        re.appendCodePoint(ch);
        k = Kind.REGEX;
      } else {
        re.appendCodePoint(ch);
      }
      firstToken = false;
    }
    Pattern compiled = null;
    String a = null;
    switch (k) {
      case PREFIX -> a = cleaned.substring(0, cleaned.length() - 2);
      case SUFFIX -> a = cleaned.substring(2);
      case REGEX -> {
        try {
          compiled = GoRegex.compile(re.append('$').toString());
        } catch (GoRegex.Invalid e) {
          k = Kind.INVALID;
        }
      }
      default -> {}
    }
    this.kind = k;
    this.affix = a;
    this.regex = compiled;
  }

  boolean exclusion() {
    return exclusion;
  }

  String cleaned() {
    return cleaned;
  }

  int dirCount() {
    return dirCount;
  }

  /** patternmatcher's {@code Pattern.match}. */
  boolean match(String path) throws PatternException {
    return switch (kind) {
      case EXACT -> path.equals(cleaned);
      case PREFIX -> path.startsWith(affix);
      case SUFFIX -> path.endsWith(affix)
          || (!affix.isEmpty() && affix.charAt(0) == '/' && path.equals(affix.substring(1)));
      case REGEX -> regex.matcher(path).find();
      case INVALID -> throw syntaxError();
    };
  }

  PatternException syntaxError() {
    return new PatternException(
        "syntax error in pattern", (exclusion ? "!" : "") + cleaned, source, line);
  }
}
