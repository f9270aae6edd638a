package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line of pattern_vectors.jsonl through every matcher entry point. */
class PatternVectorsTest {
  static Stream<Arguments> vectors() {
    return Vectors.named("pattern_vectors.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void patternVector_matchesDocker(JsonNode v) {
    List<String> parsed = v.get("kind").asText().equals("raw")
        ? Vectors.strings(v.get("patterns"))
        : IgnoreFile.parse(v.get("dockerignore").asText());
    assertThat(parsed).as("parsed").containsExactlyElementsOf(Vectors.strings(v.get("parsed")));

    String path = v.get("path").asText();
    PatternMatcher pm = null;
    try {
      pm = PatternMatcher.compile(parsed);
    } catch (PatternException e) {
      assertThat(v.get("normalized")).as("normalized").isEmpty();
    }
    if (pm != null) {
      assertThat(pm.patterns()).as("normalized")
          .containsExactlyElementsOf(Vectors.strings(v.get("normalized")));
    }
    PatternMatcher m = pm;
    // A matcher that New rejects makes every entry point fail.
    assertThat(m == null ? "error" : outcome(() -> m.matchesOrParentMatches(path)))
        .as("result").isEqualTo(v.get("result").asText());
    assertThat(m == null ? "error" : outcome(() -> walk(m, path)))
        .as("result_walk").isEqualTo(v.get("result_walk").asText());
    assertThat(outcome(() -> PatternMatcher.matchesLegacy(path, parsed))).as("result_legacy")
        .isEqualTo(v.get("result_legacy").asText());
  }

  /** The classic walker's decision: parent results chained from the top directory down. */
  static boolean walk(PatternMatcher pm, String path) throws PatternException {
    String parent = GoPaths.dir(path);
    MatchInfo info = MatchInfo.NONE;
    if (!parent.equals(".")) {
      String[] dirs = parent.split("/", -1);
      for (int i = 0; i < dirs.length; i++) {
        info = pm.matchesUsingParentResults(String.join("/", List.of(dirs).subList(0, i + 1)), info)
            .info();
      }
    }
    return pm.matchesUsingParentResults(path, info).matched();
  }

  interface Check {
    boolean run() throws PatternException;
  }

  static String outcome(Check c) {
    try {
      return c.run() ? "excluded" : "included";
    } catch (PatternException e) {
      return "error";
    }
  }
}
