package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7: every line of the dockerignore vectors' {@code pattern_trees.jsonl} through the CLI,
 * as its README suggests: write the tree and .dockerignore, run {@code ctx context ls --format
 * json DIR}, compare with {@code expected_buildkit.entries}; an error status must fail the
 * command. In-process (picocli) for all lines, and a few through a real CLI process.
 */
class PatternTreesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The vectors live once, in the dockerignore module (copied there byte for byte). */
  private static final Path VECTORS = Path.of("../dockerignore/src/test/resources/vectors/pattern_trees.jsonl");
  /** BuildKit's gRPC header check; ctxd never sends patterns as metadata (vectors README note 8). */
  private static final String HEADER_LIMIT = "header key \"exclude-patterns\" contains value with non-printable ASCII";

  @TempDir Path temp;

  static Stream<Arguments> lines() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(VECTORS, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      JsonNode v = JSON.readTree(line);
      out.add(Arguments.of(Named.of(v.get("id").asText(), v)));
    }
    return out.stream();
  }

  record Run(int exit, String out, String err) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void contextLs_inProcess_sendsWhatBuildKitSends(JsonNode v) throws Exception {
    Path dir = VectorTrees.write(temp.resolve("ctx"), v);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "context", "ls", "--format", "json", dir.toString());
    check(v, new Run(exit, out.toString(), err.toString()));
  }

  @Test
  void contextLs_realProcess_agreesOnSampleLines() throws Exception {
    List<String> ids = List.of("docs-001-tree", "upstream-single-019-tree", "targeted-054-tree", "random-0218-tree", "random-0417-tree");
    CtxHarness harness = new CtxHarness(Files.createDirectories(temp.resolve("home")));
    int checked = 0;
    for (Arguments a : (Iterable<Arguments>) lines()::iterator) {
      JsonNode v = (JsonNode) ((Named<?>) a.get()[0]).getPayload();
      if (!ids.contains(v.get("id").asText())) continue;
      Path dir = VectorTrees.write(temp.resolve("p-" + checked), v);
      CtxHarness.Result r = harness.ctx("context", "ls", "--format", "json", dir.toString());
      check(v, new Run(r.exitCode(), r.out(), r.err()));
      checked++;
    }
    assertThat(checked).isEqualTo(ids.size());
  }

  private static void check(JsonNode v, Run r) throws Exception {
    JsonNode want = v.get("expected_buildkit");
    String error = want.path("error").asText("");
    if (error.contains(HEADER_LIMIT)) {
      // No such limit here: the line gets its result_walk answer, which fsutil's walk follows.
      String walk = v.get("result_walk").asText();
      assertThat(r.exit()).as("exit for result_walk %s; stderr %s", walk, r.err()).isEqualTo(walk.equals("error") ? 1 : 0);
      if (r.exit() == 0) {
        assertThat(names(JSON.readTree(r.out()))).as("target sent iff included")
            .contains(".dockerignore", "Dockerfile").matches(n -> n.contains(v.get("target_path").asText()) == walk.equals("included"));
      } else {
        assertThat(r.err()).contains("ERROR: .dockerignore line ").contains("syntax error in pattern");
      }
      return;
    }
    if (want.get("status").asText().equals("error")) {
      assertThat(r.exit()).as("BuildKit fails with %s; stdout %s", error, r.out()).isEqualTo(1);
      assertThat(r.err()).startsWith("ERROR: ").doesNotContain("Exception");
      assertThat(r.out()).as("nothing listed on error").isEmpty();
      return;
    }
    assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("entries")).as("entries").isEqualTo(want.get("entries"));
  }

  private static List<String> names(JsonNode listing) {
    List<String> out = new ArrayList<>();
    listing.get("entries").forEach(e -> out.add(e.get("name").asText()));
    return out;
  }
}
