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
  /** REGEX only: literal text every match must start with, end with, and contain (a prefilter). */
  private final String literalPrefix;
  private final String literalSuffix;
  private final String[] literalRuns;

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
    // Literal runs between metacharacters: the regexp is a concatenation, so each must occur in
    // any matching path, the first at its start and the last at its end. An escape may be a
    // class (\d), so it ends a run; brackets switch the prefilter off (their content is not
    // literal, and patternmatcher's translation does not track classes).
    java.util.List<String> runs = new java.util.ArrayList<>();
    StringBuilder run = new StringBuilder();
    boolean brackets = false;
    while (i < cps.length) {
      int ch = cps[i++];
      if (ch == '*' || ch == '?' || ch == '\\' || ch == '^') {
        runs.add(run.toString());
        run.setLength(0);
      } else if (ch == '[' || ch == ']') {
        brackets = true;
      } else {
        run.appendCodePoint(ch);
      }
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
    runs.add(run.toString());
    boolean prefilter = !brackets && runs.size() > 1;
    this.literalPrefix = prefilter ? runs.get(0) : "";
    this.literalSuffix = prefilter ? runs.get(runs.size() - 1) : "";
    this.literalRuns = prefilter
        ? runs.subList(1, runs.size() - 1).stream().filter(r -> !r.isEmpty()).toArray(String[]::new)
        : new String[0];
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
      case REGEX -> mayMatch(path) && regex.matcher(path).find();
      case INVALID -> throw syntaxError();
    };
  }

  /** The translated regexp alone, without the prefilter (tests compare the two). */
  boolean matchRegexOnly(String path) throws PatternException {
    if (kind != Kind.REGEX) return match(path);
    return regex.matcher(path).find();
  }

  /** A necessary condition for a regexp match, a few string compares instead of backtracking. */
  private boolean mayMatch(String path) {
    if (!path.startsWith(literalPrefix) || !path.endsWith(literalSuffix)) return false;
    for (String literal : literalRuns) {
      if (!path.contains(literal)) return false;
    }
    return true;
  }

  PatternException syntaxError() {
    return new PatternException(
        "syntax error in pattern", (exclusion ? "!" : "") + cleaned, source, line);
  }
}
