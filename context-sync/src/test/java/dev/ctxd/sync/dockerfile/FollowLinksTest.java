package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FollowLinks} against real directories: the symlink vectors of cases.jsonl (their
 * expected.files depend on FollowPaths alone when there is no .dockerignore), and the held-out
 * style cases of README D1-D2 derived from fsutil's followlinks.go.
 */
class FollowLinksTest {
  @TempDir Path dir;

  static Stream<Arguments> filterOnlyCases() throws IOException {
    // Every ok vector without a .dockerignore: its files follow from FollowPaths alone.
    return CasesTest.loadCases().stream()
        .filter(c -> c.get("expected").get("status").asText().equals("ok"))
        .filter(c -> c.get("dockerignore").isNull())
        .filter(c -> c.get("expected").get("context_used").asBoolean())
        .map(c -> Arguments.of(Named.of(c.get("id").asText(), c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterOnlyCases")
  void vectorFiles(JsonNode c) throws Exception {
    TestTrees.write(dir, c.get("tree"));
    List<String> follow = CasesTest.run(c).followPaths();

    List<String> includes = FollowLinks.resolve(follow, new DirectoryLinkReader(dir));

    assertThat(TestTrees.sentFiles(dir, includes)).isEqualTo(
        CasesTest.strings(c.get("expected"), "files"));
  }

  @Test
  void resolve_relativeLinkOnPath_keepsLinkAndTarget() throws IOException {
    Files.createDirectories(dir.resolve("releases/v2"));
    Files.createSymbolicLink(dir.resolve("current"), Paths.get("releases/v2"));

    assertThat(FollowLinks.resolve(List.of("current/app.jar"), new DirectoryLinkReader(dir)))
        .containsExactly("current", "releases/v2/app.jar");
  }

  @Test
  void resolve_linkToRoot_disablesFiltering() throws IOException {
    Files.writeString(dir.resolve("app.txt"), "");
    Files.createSymbolicLink(dir.resolve("here"), Paths.get("."));

    assertThat(FollowLinks.resolve(List.of("app.txt", "here"), new DirectoryLinkReader(dir))).isNull();
  }

  @Test
  void resolve_absoluteTargetWithDotDot_isClampedToContextRoot() throws IOException {
    Files.createSymbolicLink(dir.resolve("cfg"), Paths.get("/../../config/app.yaml"));

    assertThat(FollowLinks.resolve(List.of("cfg"), new DirectoryLinkReader(dir)))
        .containsExactly("cfg", "config/app.yaml");
  }

  @Test
  void resolve_relativeTargetAboveRoot_isClampedToContextRoot() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.createSymbolicLink(dir.resolve("a/up"), Paths.get("../../../x"));

    assertThat(FollowLinks.resolve(List.of("a/up/f"), new DirectoryLinkReader(dir)))
        .containsExactly("a/up", "x/f");
  }

  @Test
  void resolve_symlinkLoop_terminates() throws IOException {
    Files.createSymbolicLink(dir.resolve("a"), Paths.get("b"));
    Files.createSymbolicLink(dir.resolve("b"), Paths.get("a"));

    assertThat(FollowLinks.resolve(List.of("a/x"), new DirectoryLinkReader(dir)))
        .containsExactly("a", "b");
  }

  @Test
  void resolve_linkInsideIncludedDir_isNotFollowed() throws IOException {
    // moby/buildkit#1197: only components of the FollowPath itself are resolved.
    Files.createDirectories(dir.resolve("app"));
    Files.createSymbolicLink(dir.resolve("app/lib"), Paths.get("../shared"));

    assertThat(FollowLinks.resolve(List.of("app"), new DirectoryLinkReader(dir)))
        .containsExactly("app");
  }

  @Test
  void resolve_missingAndWildcardWithoutLinks_keptVerbatimAndDeduped() throws IOException {
    Files.createDirectories(dir.resolve("src/b"));

    assertThat(FollowLinks.resolve(List.of("src/*/main.go", "nope/x", "src", "src/b"),
        new DirectoryLinkReader(dir))).containsExactly("nope/x", "src");
  }

  @Test
  void resolve_null_meansWholeContext() {
    assertThat(FollowLinks.resolve(null, new DirectoryLinkReader(dir))).isNull();
  }
}
