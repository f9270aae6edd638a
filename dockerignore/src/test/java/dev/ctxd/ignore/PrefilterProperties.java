package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The literal prefilter in front of each translated regexp (issue 7, for speed) is only a
 * necessary condition: it never changes a result, whatever the pattern's metacharacters.
 */
class PrefilterProperties {
  private static final String[] PIECES = {"a", "o", ".", "*", "**", "?", "\\.", "\\d", "^", "/", "[ao]", "é", "\n"};

  @Provide
  Arbitrary<String> pattern() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> path() {
    return Arbitraries.of("a", "o", ".", "/", "é", "\n", "^", "1").list()
        .ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
  }

  @Property(tries = 5000)
  void prefilter_neverChangesTheAnswer(@ForAll("pattern") String pattern, @ForAll("path") String path) {
    CompiledPattern p = new CompiledPattern(pattern, false, 1, ".dockerignore");
    boolean withPrefilter;
    try {
      withPrefilter = p.match(path);
    } catch (PatternException e) {
      return; // an invalid pattern throws either way
    }
    try {
      assertThat(withPrefilter).as("pattern %s path %s", pattern, path).isEqualTo(p.matchRegexOnly(path));
    } catch (PatternException e) {
      throw new AssertionError("regexp failed where the prefiltered match did not", e);
    }
  }

  @net.jqwik.api.Example
  void prefilter_keepsTheUsualAnswers() throws PatternException {
    CompiledPattern objects = new CompiledPattern("**/*.o", false, 1, ".dockerignore");
    assertThat(objects.match("drivers/net/e1000.o")).isTrue();
    assertThat(objects.match("a.o")).isTrue();
    assertThat(objects.match("drivers/net/e1000.c")).isFalse();
    assertThat(objects.match("a.o/readme")).isFalse();
    CompiledPattern env = new CompiledPattern(".env.*", false, 1, ".dockerignore");
    assertThat(env.match(".env.local")).isTrue();
    assertThat(env.match("x/.env.local")).isFalse();
    CompiledPattern tmp = new CompiledPattern("**/tmp/**", false, 1, ".dockerignore");
    assertThat(tmp.match("a/tmp/b")).isTrue();
    assertThat(tmp.match("a/tmpx/b")).isFalse();
  }
}
