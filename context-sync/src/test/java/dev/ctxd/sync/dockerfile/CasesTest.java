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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every vector of {@code dockerfile-aware/cases.jsonl} (README section 4) through the parser
 * and {@link ContextPaths} (status, reached stages, ctxPaths, contextUsed and FollowPaths), then
 * through the real selection and walker on the case's tree ({@code expected.files} and {@code
 * expected.entries} of the main context; ctxd has no {@code --build-context}, so {@code
 * expected.named} is out of scope).
 */
class CasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Quirk cases where ctxd deliberately sends less than BuildKit, and why. */
  static final Map<String, String> SENDS_LESS = Map.of(
      "dfx-028", "B7 tmpfs quirk: a tmpfs mount records \"/\" and so disables FollowPaths in "
          + "BuildKit, though a tmpfs never reads the context; ctxd ignores it");

  /** What the build of each quirk case reads from the context (from its Dockerfile, by hand). */
  static final Map<String, List<String>> QUIRK_READS = Map.of(
      "dfx-024", List.of("vendor.tar.gz"), // ADD of a remote URL and git sources read nothing
      "dfx-028", List.of(), // COPY app.sh, absent from the tree: the copy fails either way
      "dfx-054", List.of("dir*.txt", "dir1.txt"), // the lexer made `dir\\*.txt` a live glob
      "dfx-057", List.of("gen.sh"),
      "dfx-058", List.of("src/a", "src/b/main.go", "vendor/a/main.go")); // src/*/main.go via link

  @TempDir Path temp;

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

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void transfer(JsonNode c) throws Exception {
    if (c.get("expected").get("status").asText().equals("error")) {
      assertThatThrownBy(() -> CaseTransfers.send(c, temp)).isInstanceOf(DockerfileException.class);
      return;
    }
    List<CaseTransfers.Sent> sent = CaseTransfers.send(c, temp);
    List<CaseTransfers.Sent> buildkit = CaseTransfers.expectedEntries(c);
    String id = c.get("id").asText();
    if (SENDS_LESS.containsKey(id)) {
      assertThat(buildkit).as(SENDS_LESS.get(id)).containsAll(sent).hasSizeGreaterThan(sent.size());
      assertThat(CaseTransfers.files(sent)).containsAll(QUIRK_READS.get(id));
      return;
    }
    assertThat(CaseTransfers.files(sent)).as("files").isEqualTo(strings(c.get("expected"), "files"));
    assertThat(sent).as("entries in send order").isEqualTo(buildkit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quirks")
  void quirk_buildHasEveryFileItReads(JsonNode c) throws Exception {
    String id = c.get("id").asText();
    assertThat(QUIRK_READS).as("every quirk case names what its build reads").containsKey(id);
    assertThat(CaseTransfers.files(CaseTransfers.send(c, temp))).containsAll(QUIRK_READS.get(id));
  }

  static Stream<Arguments> quirks() throws IOException {
    return loadCases().stream().filter(c -> c.path("quirk").asBoolean())
        .map(c -> Arguments.of(Named.of(c.get("id").asText() + ": " + c.get("note").asText(), c)));
  }

  @Test
  void tmpfsQuirk_withTheCopiedFilePresent_ctxdSendsOnlyIt() throws Exception {
    JsonNode c = loadCases().stream().filter(x -> x.get("id").asText().equals("dfx-028"))
        .findFirst().orElseThrow();
    Files.writeString(temp.resolve("app.sh"), "#!/bin/sh\n");
    assertThat(CaseTransfers.send(c, temp))
        .as(SENDS_LESS.get("dfx-028"))
        .containsExactly(new CaseTransfers.Sent("app.sh", "file", null));
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
