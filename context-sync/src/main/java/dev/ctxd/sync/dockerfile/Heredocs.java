package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Heredoc markers ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}): parser.go ParseHeredoc. */
final class Heredocs {
  private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$", Pattern.DOTALL);

  private Heredocs() {}

  /** The heredocs a line declares, in order; bodies are filled in by the caller. */
  static List<Heredoc> fromLine(String line, int lineNo) throws DockerfileSyntaxException {
    List<String> words;
    try {
      words = new ShellLexer('\\').withRawQuotes(true).withRawEscapes(true)
          .processWords(line, Map.of());
    } catch (ShellExpansionException e) {
      // parser.go ignores the lexer error here: no words, so no heredocs.
      return List.of();
    }
    List<Heredoc> out = new ArrayList<>();
    for (String word : words) {
      try {
        parse(word).ifPresent(out::add);
      } catch (ShellExpansionException e) {
        throw new DockerfileSyntaxException(lineNo, e.getMessage());
      }
    }
    return out;
  }

  /** The heredoc a single word declares, if it is a marker; else empty. */
  static Optional<Heredoc> parse(String word) throws ShellExpansionException {
    Matcher m = MARKER.matcher(word);
    if (!m.matches()) {
      return Optional.empty();
    }
    String rest = m.group(3);
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1));
    boolean chomp = m.group(2).equals("-");
    ShellLexer lex = new ShellLexer('\\').withSkipUnsetEnv(true);
    List<String> plain = lex.withRawQuotes(false).processWords(rest, Map.of());
    if (plain.size() != 1) {
      return Optional.empty();
    }
    List<String> raw = lex.withRawQuotes(true).processWords(rest, Map.of());
    if (raw.size() != plain.size()) {
      throw new ShellExpansionException(
          "internal lexing of heredoc produced inconsistent results: " + rest);
    }
    // If removing quotes changed the quote count, part of the marker was quoted: no expansion.
    boolean expand = quoteCount(plain.get(0)) == quoteCount(raw.get(0));
    return Optional.of(new Heredoc(plain.get(0), fd, expand, chomp, ""));
  }

  /** A word that is a heredoc marker (parse.go MustParseHeredoc), lexer errors meaning "no". */
  static Optional<Heredoc> mustParse(String word) {
    try {
      return parse(word);
    } catch (ShellExpansionException e) {
      return Optional.empty();
    }
  }

  private static int parseFd(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0; // Go ignores the ParseUint error too
    }
  }

  private static long quoteCount(String s) {
    return s.chars().filter(c -> c == '\'' || c == '"').count();
  }
}
