package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written cases for the Go-to-Java translation and the public error contract. */
class MatcherTest {
  private static boolean excluded(String pattern, String path) throws PatternException {
    return PatternMatcher.compile(List.of(pattern)).matchesOrParentMatches(path);
  }

  @Test
  void regexEscapes_keepRe2AsciiMeaning() throws PatternException {
    assertThat(excluded("a\\sb", "a b")).isTrue();
    assertThat(excluded("a\\sb", "a\u00a0b")).isFalse(); // RE2 \s is ASCII only
    assertThat(excluded("\\d", "\u0663")).isFalse(); // Arabic-Indic digit is not \d
    assertThat(excluded("\\w\\b", "x")).isTrue();
    assertThat(excluded("é\\b", "é")).isFalse(); // RE2 \b is ASCII; Java 17's is not
  }

  @Test
  void classes_withJavaSpecialCharacters_areLiteral() throws PatternException {
    assertThat(excluded("[[]", "[")).isTrue();
    assertThat(excluded("[a&&b]", "&")).isTrue();
    assertThat(excluded("[!a]", "!")).isTrue(); // '!' does not negate
    assertThat(excluded("[^a]", "b")).isTrue();
    assertThat(excluded("[[:digit:]]", "7")).isTrue();
  }

  @Test
  void lazyRegexError_surfacesOnEvaluation_withLine() throws PatternException {
    PatternMatcher pm =
        PatternMatcher.compile(IgnoreFile.parseWithLines("# c\n\nok\n[z-a]\n"), ".dockerignore");
    assertThatThrownBy(() -> pm.matchesOrParentMatches("x"))
        .isInstanceOf(PatternException.class)
        .hasMessage(".dockerignore line 4: syntax error in pattern \"[z-a]\"");
  }

  @Test
  void compile_loneExclamation_isIllegal() {
    assertThatThrownBy(() -> PatternMatcher.compile(List.of("a", "!")))
        .isInstanceOf(PatternException.class)
        .hasMessage("illegal exclusion pattern: \"!\"");
  }

  @Test
  void unknownEscape_isSyntaxError() throws PatternException {
    PatternMatcher pm = PatternMatcher.compile(List.of("\\g"));
    assertThatThrownBy(() -> pm.matchesOrParentMatches("g")).isInstanceOf(PatternException.class);
  }

  @Test
  void includePatterns_sendMatchesWithParentsOnly() throws Exception {
    // Tree: a/b/c.txt, a/d.txt, e.txt; include a/b (D3-D5): a is sent as parent, a/b matched.
    DirectoryLister<String> lister = dir -> switch (dir) {
      case "" -> List.of(new Child<>("a", true, "a"), new Child<>("e.txt", false, "e"));
      case "a" -> List.of(new Child<>("b", true, "b"), new Child<>("d.txt", false, "d"));
      case "a/b" -> List.of(new Child<>("c.txt", false, "c"));
      default -> List.of();
    };
    List<String> sent = new ArrayList<>();
    FilteredWalk.walk(lister, ContextFilter.of(List.of("a/b/c.txt"), List.of("a/b")),
        (path, dir, attrs) -> sent.add(path));
    assertThat(sent).containsExactly("a", "a/b");
    sent.clear();
    FilteredWalk.walk(lister, ContextFilter.of(List.of(), List.of("*/b")),
        (path, dir, attrs) -> sent.add(path));
    assertThat(sent).containsExactly("a", "a/b", "a/b/c.txt");
  }
}
