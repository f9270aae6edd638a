package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The word splitters of parser.go and line_parsers.go. They differ on purpose: shell-form COPY and
 * ADD split on whitespace without quote awareness (README 3.3), ARG/ENV/LABEL split with it.
 */
final class Words {
  /** parser.go {@code reWhitespace}. */
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  private Words() {}

  /** Leading {@code --flag} words and the rest of the line (parser.go extractBuilderFlags). */
  record Flagged(List<String> flags, String rest) {}

  static Flagged extractBuilderFlags(String line) {
    // Ported state machine; the flag escape is always '\' in BuildKit, whatever the escape token.
    List<String> words = new ArrayList<>();
    boolean inWord = false;
    boolean inQuote = false;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    int n = line.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos != n ? line.charAt(pos) : 0;
      if (!inWord && !inQuote) {
        if (pos == n) {
          break;
        }
        if (GoQuote.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
          return new Flagged(words, line.substring(pos));
        }
        inWord = true;
      }
      if (pos == n) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          words.add(word.toString());
        }
        break;
      }
      if (inWord) {
        if (GoQuote.isSpace(ch)) {
          inWord = false;
          if (word.toString().equals("--")) {
            return new Flagged(words, line.substring(pos));
          }
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          inWord = false;
          inQuote = true;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == n) {
            continue;
          }
          ch = line.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        inQuote = false;
        inWord = true;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) {
          inQuote = false;
          inWord = true;
          continue;
        }
        ch = line.charAt(++pos);
      }
      word.append(ch);
    }
    return new Flagged(words, "");
  }

  /** Quote-aware split that keeps quotes and escapes (line_parsers.go parseWords). */
  static List<String> parseWords(String rest, char escape) {
    List<String> words = new ArrayList<>();
    int[] cps = rest.codePoints().toArray();
    int n = cps.length;
    int phase = 0; // 0 = spaces, 1 = word, 2 = quote
    StringBuilder word = new StringBuilder();
    int quote = 0;
    boolean blankOk = false;
    for (int pos = 0; pos <= n; pos++) {
      int ch = pos != n ? cps[pos] : 0;
      if (phase == 0) {
        if (pos == n) {
          break;
        }
        if (GoQuote.isSpace(ch)) {
          continue;
        }
        phase = 1;
      }
      if (pos == n) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == 1) {
        if (GoQuote.isSpace(ch)) {
          phase = 0;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = 2;
        }
        if (ch == escape) {
          if (pos + 1 == n) {
            continue;
          }
          // Unquoted: keep the escape and the next character, even a quote.
          word.appendCodePoint(ch);
          ch = cps[++pos];
        }
        word.appendCodePoint(ch);
        continue;
      }
      if (ch == quote) {
        phase = 1;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == n) {
          phase = 1;
          continue;
        }
        word.appendCodePoint(ch);
        ch = cps[++pos];
      }
      word.appendCodePoint(ch);
    }
    return words;
  }

  /** line_parsers.go parseStringsWhitespaceDelimited (input already trimmed). */
  static List<String> splitWhitespace(String rest) {
    if (rest.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(WHITESPACE.split(rest, -1));
  }

  /** Go {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && GoQuote.isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && GoQuote.isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }
}
