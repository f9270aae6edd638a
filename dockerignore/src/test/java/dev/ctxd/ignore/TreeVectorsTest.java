package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every tree vector and every pattern tree, checked against {@code expected_buildkit}. */
class TreeVectorsTest {
  @TempDir Path tmp;

  static Stream<Arguments> trees() {
    return Vectors.named("tree_vectors.jsonl");
  }

  static Stream<Arguments> patternTrees() {
    return Vectors.named("pattern_trees.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void treeVector_sendsWhatBuildKitSends(JsonNode v) throws IOException {
    check(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patternTrees")
  void patternTree_sendsWhatBuildKitSends(JsonNode v) throws IOException {
    String error = v.get("expected_buildkit").path("error").asText("");
    // README exemption 1, a gRPC transport limit ctxd does not have: ctxd's own answer.
    // Exemption 2 ("Dockerfile is not a regular file") needs none: ctxd fails as BuildKit does.
    if (error.contains("header key \"exclude-patterns\" contains value with non-printable ASCII")) {
      checkWithoutHeaderLimit(v);
      return;
    }
    check(v);
  }

  /**
   * What ctxd sends where BuildKit fails on its gRPC header check (README "Pattern trees"
   * exemption and note 8): ctxd applies the patterns in the client and never puts them in
   * gRPC metadata, so a tab or CR in a pattern is just a character. Each line then gets the
   * answer of {@code result_walk}, which fsutil's walk follows: the target sent iff included,
   * and a syntax error (which BuildKit would also raise, after the header) fails the walk.
   */
  static final Map<String, List<String>> WITHOUT_HEADER_LIMIT = Map.of(
      "targeted-078-tree", List.of(".dockerignore file", "Dockerfile file"), // "foo\rbar" excluded
      "random-0218-tree", List.of(".dockerignore file", "Dockerfile file", "pkg file"),
      "random-0476-tree", List.of(".dockerignore file", "Dockerfile file"), // ./tab?name matches
      "random-0060-tree", List.of("error: .dockerignore line 6: syntax error in pattern "
          + "\"tab\\tname/p\\\\kg/a b/**gitignore\""), // \k: no Go regexp escape (message Go-quoted)
      "random-0522-tree", List.of("error: .dockerignore line 1: syntax error in pattern "
          + "\"tab\\tnam\\\\e\"")); // \e neither

  private void checkWithoutHeaderLimit(JsonNode v) throws IOException {
    String id = v.get("id").asText();
    assertThat(WITHOUT_HEADER_LIMIT).as("every header-limited line has ctxd's answer").containsKey(id);
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    materialise(ctx, v);
    Result got = run(ctx, v.get("dockerfile").asText());
    List<String> answer = got.status.equals("error") ? List.of("error: " + got.error) : got.entries;
    assertThat(answer).containsExactlyElementsOf(WITHOUT_HEADER_LIMIT.get(id));
    String walk = v.get("result_walk").asText();
    assertThat(got.status).as("result_walk %s", walk).isEqualTo(walk.equals("error") ? "error" : "ok");
    assertThat(got.entries.contains(v.get("target_path").asText() + " file"))
        .as("target sent iff result_walk is included").isEqualTo(walk.equals("included"));
  }

  private void check(JsonNode v) throws IOException {
    Path ctx = Files.createDirectory(tmp.resolve("ctx"));
    materialise(ctx, v);
    JsonNode want = v.get("expected_buildkit");
    Result got = run(ctx, v.get("dockerfile").asText());
    assertThat(got.status).as("status (error: %s)", got.error).isEqualTo(want.get("status").asText());
    assertThat(got.dockerfileRel).as("dockerfile_rel").isEqualTo(want.get("dockerfile_rel").asText());
    assertThat(got.ignoreFile).as("ignore_file")
        .isEqualTo(want.get("ignore_file").isNull() ? null : want.get("ignore_file").asText());
    if (got.excludes != null) {
      assertThat(got.excludes).as("excludes")
          .containsExactlyElementsOf(Vectors.strings(want.get("excludes")));
    }
    List<String> wantEntries = new ArrayList<>();
    want.get("entries").forEach(e -> wantEntries.add(render(e.get("name").asText(),
        e.get("type").asText(), e.has("linkname") ? e.get("linkname").asText() : null)));
    assertThat(got.entries).as("entries").containsExactlyElementsOf(wantEntries);
    assertThat(got.entries.stream().anyMatch(e -> e.startsWith(got.dockerfileRel + " ")))
        .as("dockerfile_sent").isEqualTo(want.get("dockerfile_sent").asBoolean());
  }

  private static final class Result {
    String status = "ok";
    String error;
    String dockerfileRel;
    String ignoreFile;
    List<String> excludes;
    final List<String> entries = new ArrayList<>();
  }

  private static Result run(Path ctx, String dockerfileArg) throws IOException {
    Result r = new Result();
    IgnoreFileLocator.Located loc;
    try {
      loc = IgnoreFileLocator.locate(ctx, dockerfileArg);
    } catch (DockerfileException e) {
      r.status = "error";
      r.error = e.getMessage();
      r.dockerfileRel = e.dockerfile();
      return r;
    }
    r.dockerfileRel = loc.dockerfileRel();
    r.ignoreFile = loc.ignoreFileRel().orElse(null);
    r.excludes = IgnoreFile.parse(loc.ignoreText());
    Map<String, String> firstSentName = new HashMap<>();
    try {
      List<IgnoreFile.Line> lines = loc.patterns();
      PatternMatcher exclude = lines.isEmpty() ? null
          : PatternMatcher.compile(lines, loc.ignoreFileRel().orElse(".dockerignore"));
      FilteredWalk.walk(new FsLister(ctx), ContextFilter.of(exclude, null), (path, dir, a) -> {
        String link = a.linkTarget();
        String type = a.type();
        if (type.equals("file") && a.links() > 1) {
          // Hard links: the first sent name of an inode is the file, later names link to it.
          String first = firstSentName.putIfAbsent(a.inode(), path);
          if (first != null) {
            type = "hardlink";
            link = first;
          }
        }
        r.entries.add(render(path, type, link));
      });
    } catch (PatternException e) {
      r.status = "error";
      r.error = e.getMessage();
    }
    return r;
  }

  private static String render(String name, String type, String link) {
    return name + " " + type + (link == null ? "" : " -> " + link);
  }

  static void materialise(Path ctx, JsonNode v) throws IOException {
    for (JsonNode item : v.get("tree")) {
      Path p = ctx.resolve(item.get("path").asText());
      switch (item.get("type").asText()) {
        case "file" -> Files.write(p, item.path("content").asText("").getBytes(StandardCharsets.UTF_8));
        case "dir" -> Files.createDirectory(p);
        case "symlink" -> Files.createSymbolicLink(p, Path.of(item.get("target").asText()));
        case "hardlink" -> Files.createLink(p, ctx.resolve(item.get("target").asText()));
        default -> throw new IllegalArgumentException("tree type " + item.get("type"));
      }
    }
    if (!v.get("dockerignore").isNull()) {
      Files.write(ctx.resolve(".dockerignore"),
          v.get("dockerignore").asText().getBytes(StandardCharsets.UTF_8));
    }
  }
}
