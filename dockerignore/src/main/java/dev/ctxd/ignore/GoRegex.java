package dev.ctxd.ignore;

import java.util.regex.Pattern;

/**
 * Translates the Go RE2 regexp that patternmatcher builds into an equivalent java.util.regex
 * {@link Pattern}. The regexp is parsed with RE2's rules (Perl flags: {@code ^}/{@code $} anchor
 * the text, {@code .} excludes only '\n', negated classes include '\n', ASCII {@code \d \s \w \b})
 * and re-emitted with every literal written as {@code \x{...}}, so Java's own class quirks
 * ({@code [[]}, {@code &&}, nested classes, Unicode {@code \b}) can never change the meaning.
 * Anything RE2 rejects raises {@link GoRegex.Invalid}.
 */
final class GoRegex {
  private static final String WORD = "[0-9A-Za-z_]";

  /** The regexp is one RE2 would refuse to compile. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private final int[] cps;
  private int pos;
  private final StringBuilder out = new StringBuilder();
  private boolean haveAtom;

  private GoRegex(String regex) {
    this.cps = regex.codePoints().toArray();
  }

  static Pattern compile(String goRegex) throws Invalid {
    GoRegex r = new GoRegex(goRegex);
    r.parseTop();
    return Pattern.compile(r.out.toString());
  }

  private void parseTop() throws Invalid {
    int depth = 0;
    while (pos < cps.length) {
      int c = cps[pos];
      switch (c) {
        case '(' -> {
          depth++;
          out.append("(?:");
          pos++;
          haveAtom = false;
        }
        case ')' -> {
          if (--depth < 0) {
            throw new Invalid("unexpected )");
          }
          out.append(')');
          pos++;
          haveAtom = true;
        }
        case '|' -> {
          out.append('|');
          pos++;
          haveAtom = false;
        }
        case '*', '+', '?' -> {
          if (!haveAtom) {
            throw new Invalid("missing argument to repetition operator");
          }
          out.appendCodePoint(c);
          pos++;
          if (pos < cps.length && cps[pos] == '?') {
            out.append('?'); // non-greedy, same in both engines
            pos++;
          }
          haveAtom = false;
          if (pos < cps.length && (cps[pos] == '*' || cps[pos] == '+' || cps[pos] == '?')) {
            throw new Invalid("invalid nested repetition operator");
          }
        }
        case '{' -> throw new Invalid("unsupported repetition"); // never produced: '{' is escaped
        case '.' -> atom("[^\\n]");
        case '^' -> atom("^");
        case '$' -> atom("\\z");
        case '[' -> parseClass();
        case '\\' -> parseTopEscape();
        default -> {
          pos++;
          literal(c);
        }
      }
    }
    if (depth != 0) {
      throw new Invalid("missing )");
    }
  }

  private void atom(String javaAtom) {
    out.append(javaAtom);
    pos++;
    haveAtom = true;
  }

  private void literal(int cp) {
    out.append(lit(cp));
    haveAtom = true;
  }

  static String lit(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private void parseTopEscape() throws Invalid {
    if (pos + 1 < cps.length) {
      switch (cps[pos + 1]) {
        case 'A' -> {
          pos += 2;
          out.append("\\A");
          haveAtom = true;
          return;
        }
        case 'z' -> {
          pos += 2;
          out.append("\\z");
          haveAtom = true;
          return;
        }
        case 'b' -> {
          pos += 2;
          out.append("(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))");
          haveAtom = true;
          return;
        }
        case 'B' -> {
          pos += 2;
          out.append("(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))");
          haveAtom = true;
          return;
        }
        case 'C' -> throw new Invalid("invalid escape sequence: \\C");
        case 'Q' -> {
          // \Q...\E: everything up to \E (or the end) is literal.
          pos += 2;
          while (pos < cps.length && !(cps[pos] == '\\' && pos + 1 < cps.length && cps[pos + 1] == 'E')) {
            literal(cps[pos++]);
          }
          if (pos < cps.length) {
            pos += 2;
          }
          return;
        }
        default -> {}
      }
    }
    CharClass cls = new CharClass();
    if (parseUnicodeClass(cls) || parsePerlClass(cls)) {
      out.append(cls.toJava(false));
      haveAtom = true;
      return;
    }
    literal(parseEscape());
  }

  private void parseClass() throws Invalid {
    int start = pos;
    pos++; // [
    boolean negated = false;
    if (pos < cps.length && cps[pos] == '^') {
      negated = true;
      pos++;
    }
    CharClass cls = new CharClass();
    boolean first = true;
    while (pos >= cps.length || cps[pos] != ']' || first) {
      first = false;
      if (pos + 2 < cps.length && cps[pos] == '[' && cps[pos + 1] == ':' && parseNamedClass(cls)) {
        continue;
      }
      if (parseUnicodeClass(cls) || parsePerlClass(cls)) {
        continue;
      }
      int lo = classChar(start);
      int hi = lo;
      if (pos + 1 < cps.length && cps[pos] == '-' && cps[pos + 1] != ']') {
        pos++;
        hi = classChar(start);
        if (hi < lo) {
          throw new Invalid("invalid character class range");
        }
      }
      cls.add(lo, hi);
    }
    pos++; // ]
    out.append(cls.toJava(negated));
    haveAtom = true;
  }

  private int classChar(int classStart) throws Invalid {
    if (pos >= cps.length) {
      throw new Invalid("missing closing ]");
    }
    if (cps[pos] == '\\') {
      return parseEscape();
    }
    return cps[pos++];
  }

  /** [:name:] inside a class; like RE2, the closing ":]" is searched in the whole rest. */
  private boolean parseNamedClass(CharClass cls) throws Invalid {
    int end = -1;
    for (int i = pos + 2; i + 1 < cps.length; i++) {
      if (cps[i] == ':' && cps[i + 1] == ']') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return false;
    }
    String name = new String(cps, pos + 2, end - pos - 2);
    boolean neg = name.startsWith("^");
    int[] ranges = CharClass.posix(neg ? name.substring(1) : name);
    if (ranges == null) {
      throw new Invalid("invalid character class range: [:" + name + ":]");
    }
    cls.addRanges(ranges, neg);
    pos = end + 2;
    return true;
  }

  private boolean parseUnicodeClass(CharClass cls) throws Invalid {
    if (pos + 1 >= cps.length || cps[pos] != '\\' || (cps[pos + 1] != 'p' && cps[pos + 1] != 'P')) {
      return false;
    }
    boolean neg = cps[pos + 1] == 'P';
    // '{' is always escaped by patternmatcher, so only one-letter names can occur.
    String name = pos + 2 < cps.length ? new String(cps, pos + 2, 1) : "";
    String java = switch (name) {
      case "L", "M", "N", "P", "S", "Z" -> "\\p{" + name + "}";
      case "C" -> "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}"; // Go's C has no Cn
      default -> throw new Invalid("invalid character class range: \\p" + name);
    };
    cls.addProperty(java, neg);
    pos += 3;
    return true;
  }

  private boolean parsePerlClass(CharClass cls) {
    if (pos + 1 >= cps.length || cps[pos] != '\\') {
      return false;
    }
    int c = cps[pos + 1];
    int[] ranges = switch (Character.toLowerCase(c)) {
      case 'd' -> CharClass.posix("digit");
      case 's' -> new int[] {'\t', '\n', '\f', '\r', ' ', ' '};
      case 'w' -> CharClass.posix("word");
      default -> null;
    };
    if (ranges == null || !(c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W')) {
      return false;
    }
    cls.addRanges(ranges, Character.isUpperCase(c));
    pos += 2;
    return true;
  }

  /** RE2's parseEscape at {@code pos} (a backslash): returns the escaped code point. */
  private int parseEscape() throws Invalid {
    pos++;
    if (pos >= cps.length) {
      throw new Invalid("trailing backslash at end of expression");
    }
    int c = cps[pos++];
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7' -> {
        if (pos >= cps.length || cps[pos] < '0' || cps[pos] > '7') {
          throw new Invalid("invalid escape sequence"); // backreference
        }
        return octal(c);
      }
      case '0' -> {
        return octal(c);
      }
      case 'x' -> {
        return hexEscape();
      }
      case 'a' -> {
        return 7;
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'v' -> {
        return 0x0B;
      }
      default -> {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
          return c; // escaped ASCII punctuation is itself
        }
        throw new Invalid("invalid escape sequence");
      }
    }
  }

  private int octal(int first) {
    int r = first - '0';
    for (int i = 1; i < 3 && pos < cps.length && cps[pos] >= '0' && cps[pos] <= '7'; i++) {
      r = r * 8 + cps[pos++] - '0';
    }
    return r;
  }

  private int hexEscape() throws Invalid {
    if (pos >= cps.length) {
      throw new Invalid("invalid escape sequence");
    }
    int c = cps[pos++];
    if (c == '{') {
      int r = 0;
      int n = 0;
      while (true) {
        if (pos >= cps.length) {
          throw new Invalid("invalid escape sequence");
        }
        c = cps[pos++];
        if (c == '}') {
          break;
        }
        int v = Character.digit(c, 16);
        if (v < 0 || c > 0x7F) {
          throw new Invalid("invalid escape sequence");
        }
        r = r * 16 + v;
        if (r > Character.MAX_CODE_POINT) {
          throw new Invalid("invalid escape sequence");
        }
        n++;
      }
      if (n == 0) {
        throw new Invalid("invalid escape sequence");
      }
      return r;
    }
    int y = pos < cps.length ? cps[pos++] : -1;
    int hx = c <= 0x7F ? Character.digit(c, 16) : -1;
    int hy = y >= 0 && y <= 0x7F ? Character.digit(y, 16) : -1;
    if (hx < 0 || hy < 0) {
      throw new Invalid("invalid escape sequence");
    }
    return hx * 16 + hy;
  }
}
