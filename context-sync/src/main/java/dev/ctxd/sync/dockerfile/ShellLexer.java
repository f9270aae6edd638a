package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Port of BuildKit's {@code frontend/dockerfile/shell/lex.go}: variable expansion, quote removal
 * and escape handling for Dockerfile words (README B3).
 *
 * <p>Immutable; the {@code with*} methods return configured copies. Thread-safe.
 */
final class ShellLexer {
  static final int EOF = -1;

  private final int escape;
  private final boolean rawQuotes;
  private final boolean rawEscapes;
  private final boolean skipUnsetEnv;
  private final boolean skipProcessQuotes;

  ShellLexer(char escape) {
    this(escape, false, false, false, false);
  }

  private ShellLexer(int escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv,
      boolean skipProcessQuotes) {
    this.escape = escape;
    this.rawQuotes = rawQuotes;
    this.rawEscapes = rawEscapes;
    this.skipUnsetEnv = skipUnsetEnv;
    this.skipProcessQuotes = skipProcessQuotes;
  }

  /** Keeps quote characters in the output (used to detect quoted heredoc markers). */
  ShellLexer withRawQuotes(boolean on) {
    return new ShellLexer(escape, on, rawEscapes, skipUnsetEnv, skipProcessQuotes);
  }

  ShellLexer withRawEscapes(boolean on) {
    return new ShellLexer(escape, rawQuotes, on, skipUnsetEnv, skipProcessQuotes);
  }

  /** Leaves references to unset variables verbatim instead of expanding them to "". */
  ShellLexer withSkipUnsetEnv(boolean on) {
    return new ShellLexer(escape, rawQuotes, rawEscapes, on, skipProcessQuotes);
  }

  /** Treats quotes as ordinary characters (heredoc bodies). */
  ShellLexer withSkipProcessQuotes(boolean on) {
    return new ShellLexer(escape, rawQuotes, rawEscapes, skipUnsetEnv, on);
  }

  /** Expands {@code word} as one word: whitespace, even from expansions, stays inside it. */
  String processWord(String word, Map<String, String> env) throws ShellExpansionException {
    return run(word, env).word;
  }

  /** Expands {@code word} and splits the result into shell words. */
  List<String> processWords(String word, Map<String, String> env) throws ShellExpansionException {
    return run(word, env).words;
  }

  private Result run(String word, Map<String, String> env) throws ShellExpansionException {
    Scan sw = new Scan(word.codePoints().toArray(), env, rawEscapes);
    try {
      return sw.processStopOn(new int[0], sw.rawEscapes);
    } catch (ShellExpansionException e) {
      throw new ShellExpansionException(
          "failed to process " + GoQuote.quote(word) + ": " + e.getMessage());
    }
  }

  private record Result(String word, List<String> words, int stop) {}

  /** Collects the words of {@code processWords}; mirrors lex.go's {@code wordsStruct}. */
  private static final class Words {
    private final StringBuilder word = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
      if (GoQuote.isSpace(ch) && inWord) {
        if (word.length() != 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!GoQuote.isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      word.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> get() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  /** One expansion run over one input: the scanner position and the env. */
  private final class Scan {
    private final int[] cps;
    private final Map<String, String> env;
    private int pos;
    private boolean rawEscapes;

    Scan(int[] cps, Map<String, String> env, boolean rawEscapes) {
      this.cps = cps;
      this.env = env;
      this.rawEscapes = rawEscapes;
    }

    int peek() {
      return pos < cps.length ? cps[pos] : EOF;
    }

    int next() {
      return pos < cps.length ? cps[pos++] : EOF;
    }

    Result processStopOn(int[] stops, boolean raw) throws ShellExpansionException {
      boolean saved = rawEscapes;
      if (raw) {
        rawEscapes = true;
      }
      try {
        StringBuilder result = new StringBuilder();
        Words words = new Words();
        while (peek() != EOF) {
          int ch = peek();
          for (int stop : stops) {
            if (ch == stop) {
              next();
              return new Result(result.toString(), words.get(), stop);
            }
          }
          if (ch == '$') {
            String tmp = processDollar();
            result.append(tmp);
            words.addString(tmp);
          } else if (!skipProcessQuotes && (ch == '\'' || ch == '"')) {
            String tmp = ch == '\'' ? processSingleQuote() : processDoubleQuote();
            result.append(tmp);
            words.addRawString(tmp);
          } else {
            ch = next();
            if (ch == escape) {
              if (rawEscapes) {
                words.addRawChar(ch);
                result.appendCodePoint(ch);
              }
              // The escape token escapes the next character, except at the end of the input.
              ch = next();
              if (ch == EOF) {
                break;
              }
              words.addRawChar(ch);
            } else {
              words.addChar(ch);
            }
            result.appendCodePoint(ch);
          }
        }
        if (stops.length > 0) {
          throw new ShellExpansionException(
              "unexpected end of statement while looking for matching " + new String(stops, 0,
                  stops.length));
        }
        return new Result(result.toString(), words.get(), EOF);
      } finally {
        rawEscapes = saved;
      }
    }

    String processSingleQuote() throws ShellExpansionException {
      // Everything up to the next ' is literal; a ' cannot be escaped inside.
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        ch = next();
        if (ch == EOF) {
          throw new ShellExpansionException(
              "unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    String processDoubleQuote() throws ShellExpansionException {
      // Literal except $ and the escape token, which escapes only " $ and itself.
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        int p = peek();
        if (p == EOF) {
          throw new ShellExpansionException(
              "unexpected end of statement while looking for matching double-quote");
        } else if (p == '"') {
          ch = next();
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        } else if (p == '$') {
          result.append(processDollar());
        } else {
          ch = next();
          if (ch == escape) {
            if (rawEscapes) {
              result.appendCodePoint(ch);
            }
            int after = peek();
            if (after == EOF) {
              continue;
            }
            if (after == '"' || after == '$' || after == escape) {
              ch = next();
            }
          }
          result.appendCodePoint(ch);
        }
      }
    }

    String processDollar() throws ShellExpansionException {
      next();
      if (peek() != '{') {
        String name = processName();
        if (name.isEmpty()) {
          return "$";
        }
        String value = env.get(name);
        if (value == null) {
          return skipUnsetEnv ? "$" + name : "";
        }
        return value;
      }
      next();
      int first = peek();
      if (first == EOF) {
        throw new ShellExpansionException("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw new ShellExpansionException("syntax error: bad substitution");
      }
      String name = processName();
      int ch = next();
      if (ch == '}') {
        String value = env.get(name);
        if (value == null) {
          return skipUnsetEnv ? "${" + name + "}" : "";
        }
        return value;
      }
      if (ch == EOF) {
        throw new ShellExpansionException("syntax error: missing '}'");
      }
      if (ch == '/') {
        return substitute(name);
      }
      String modifier = new String(Character.toChars(ch));
      boolean nullIsUnset = false;
      if (ch == ':') {
        nullIsUnset = true;
        ch = next();
        modifier += ch == EOF ? "" : new String(Character.toChars(ch));
      }
      if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
        throw new ShellExpansionException("unsupported modifier (" + modifier + ") in substitution");
      }
      boolean patternMode = ch == '#' || ch == '%';
      if (nullIsUnset && patternMode) {
        throw new ShellExpansionException("unsupported modifier (" + modifier + ") in substitution");
      }
      String word = untilBrace(new int[] {'}'}, patternMode).word;
      String value = env.get(name);
      boolean set = value != null;
      if (!set && skipUnsetEnv) {
        return "${" + name + modifier + word + "}";
      }
      boolean empty = !set || (nullIsUnset && value.isEmpty());
      switch (ch) {
        case '-':
          return empty ? word : value;
        case '+':
          return empty ? "" : word;
        case '?':
          if (!set) {
            throw new ShellExpansionException(
                name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (nullIsUnset && value.isEmpty()) {
            throw new ShellExpansionException(
                name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return value;
        default:
          // # and % trim the shortest match, ## and %% the longest.
          boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
          String pattern = greedy ? word.substring(1) : word;
          String v = set ? value : "";
          return ch == '%' ? ShellPattern.trimSuffix(pattern, v, greedy)
              : ShellPattern.trimPrefix(pattern, v, greedy);
      }
    }

    private String substitute(String name) throws ShellExpansionException {
      boolean all = peek() == '/';
      if (all) {
        next();
      }
      String pattern = untilBrace(new int[] {'/'}, true).word;
      String replacement = untilBrace(new int[] {'}'}, true).word;
      String value = env.get(name);
      if (value == null && skipUnsetEnv) {
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      return ShellPattern.replace(pattern, value == null ? "" : value, replacement, all);
    }

    private Result untilBrace(int[] stops, boolean raw) throws ShellExpansionException {
      try {
        return processStopOn(stops, raw);
      } catch (ShellExpansionException e) {
        if (peek() == EOF) {
          throw new ShellExpansionException("syntax error: missing '}'");
        }
        throw e;
      }
    }

    String processName() {
      // A name is [letters digits _]; a leading digit run or one special parameter ends it.
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
          return new String(Character.toChars(next()));
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }
  }
}
