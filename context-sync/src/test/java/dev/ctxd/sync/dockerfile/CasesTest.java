package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every vector of {@code dockerfile-aware/cases.jsonl} (README section 4) through the parser
 * and {@link ContextPaths}: status, reached stages, ctxPaths, contextUsed and FollowPaths. The
 * files/entries fields need the client walker and are checked elsewhere (symlink cases only).
 */
class CasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> cases() throws IOException {
    return loadCases().stream().map(c -> Arguments.of(Named.of(c.get("id").asText(), c)));
  }

  static List<JsonNode> loadCases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (var in = CasesTest.class.getResourceAsStream("/dockerfile-aware/cases.jsonl");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vector(JsonNode c) {
    JsonNode expected = c.get("expected");
    if (expected.get("status").asText().equals("error")) {
      // The error text is informative only (README 4), but ours names the same problem.
      assertThatThrownBy(() -> run(c)).isInstanceOf(DockerfileException.class)
          .hasMessageContaining(expected.get("error").asText());
      return;
    }
    ContextPathSet got = run0(c);
    assertThat(got.reachedStages()).as("reached_stages").isEqualTo(strings(expected,
        "reached_stages"));
    assertThat(got.ctxPaths()).as("ctx_paths").isEqualTo(strings(expected, "ctx_paths"));
    assertThat(got.contextUsed()).as("context_used")
        .isEqualTo(expected.get("context_used").asBoolean());
    assertThat(got.followPaths()).as("follow_paths").isEqualTo(strings(expected, "follow_paths"));
  }

  private static ContextPathSet run0(JsonNode c) {
    try {
      return run(c);
    } catch (DockerfileException e) {
      throw new AssertionError("unexpected error: " + e.getMessage(), e);
    }
  }

  static ContextPathSet run(JsonNode c) throws DockerfileException {
    Dockerfile df = DockerfileParser.parse(c.get("dockerfile").asText());
    String target = c.get("target").isNull() ? null : c.get("target").asText();
    Map<String, String> buildArgs = JSON.convertValue(c.get("build_args"),
        new TypeReference<Map<String, String>>() {});
    Set<String> named = new HashSet<>();
    if (c.has("named_contexts")) {
      c.get("named_contexts").fieldNames().forEachRemaining(named::add);
    }
    return ContextPaths.compute(df, target, buildArgs, named, "linux/amd64");
  }

  static List<String> strings(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }
}
