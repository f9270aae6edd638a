package dev.ctxd.sync.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}, converted to regexes as
 * lex.go's {@code convertShellPatternToRegex} does: {@code *}, {@code ?} and {@code \} escapes of
 * {@code * ? \}; everything else is literal.
 */
final class ShellPattern {
  private ShellPattern() {}

  static String trimPrefix(String pattern, String value, boolean greedy)
      throws ShellExpansionException {
    Matcher m = compile(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  static String trimSuffix(String pattern, String value, boolean greedy)
      throws ShellExpansionException {
    // A regex cannot find the shortest rightmost match, so search the reversed string with the
    // reversed pattern from the left instead (as lex.go does).
    String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
    return reverse(reversed);
  }

  static String replace(String pattern, String value, String replacement, boolean all)
      throws ShellExpansionException {
    Matcher m = compile(pattern, true, false).matcher(value);
    String literal = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(literal) : m.replaceFirst(literal);
  }

  private static Pattern compile(String pattern, boolean greedy, boolean anchored)
      throws ShellExpansionException {
    StringBuilder out = new StringBuilder(anchored ? "^" : "");
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int tok = cps[i];
      if (tok == '*') {
        out.append(greedy ? ".*" : ".*?");
        continue;
      }
      if (tok == '?') {
        out.append(".");
        continue;
      }
      if (tok == '\\') {
        // "\}" is how a } is written inside ${}; the backslash is not part of the pattern.
        if (i + 1 < cps.length && cps[i + 1] == '}') {
          continue;
        }
        i++;
        int esc = i < cps.length ? cps[i] : -1;
        if (esc != '*' && esc != '?' && esc != '\\') {
          throw new ShellExpansionException("invalid pattern (" + pattern
              + ") in substitution: invalid escape '\\" + (esc < 0 ? "" : Character.toString(esc))
              + "'");
        }
        tok = esc;
      }
      out.append(Pattern.quote(Character.toString(tok)));
    }
    // Like Go's RE2 default, "." does not match a newline (UNIX_LINES: only \n is special).
    return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
  }

  /** Reverses a pattern but keeps each escape before the character it escapes. */
  private static String reversePattern(String pattern) {
    int[] in = pattern.codePoints().toArray();
    int[] out = new int[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last; ) {
      int o = last - i;
      if (in[i] == '\\' && i != last) {
        out[o - 1] = in[i];
        out[o] = in[i + 1];
        i += 2;
      } else {
        out[o] = in[i];
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  private static String reverse(String s) {
    int[] cps = s.codePoints().toArray();
    int[] out = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      out[cps.length - 1 - i] = cps[i];
    }
    return new String(out, 0, out.length);
  }
}
