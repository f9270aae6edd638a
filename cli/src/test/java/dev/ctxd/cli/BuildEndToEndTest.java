package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2: `ctx build [--stream]` through the real CLI and a real daemon process. */
class BuildEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    context = temp.resolve("project");
    Files.createDirectories(context.resolve("src/main/deep"));
    Files.createDirectories(context.resolve("empty"));
    Files.createDirectories(context.resolve("node_modules/pkg"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Files.writeString(context.resolve(".dockerignore"), "node_modules\n*.log\n!keep.log\n");
    Files.writeString(context.resolve("src/main/App.java"), "class App {}\n");
    Files.writeString(context.resolve("src/main/deep/data.txt"), "deep data\n");
    Files.writeString(context.resolve("build.sh"), "#!/bin/sh\necho build\n");
    Files.setPosixFilePermissions(context.resolve("build.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(context.resolve("debug.log"), "ignored\n");
    Files.writeString(context.resolve("keep.log"), "kept\n");
    Files.writeString(context.resolve("node_modules/pkg/index.js"), "ignored\n");
    Files.createSymbolicLink(context.resolve("current"), Path.of("src/main"));
    Files.createSymbolicLink(context.resolve("dangling"), Path.of("/nowhere/at/all"));
    Files.createLink(context.resolve("build-alias.sh"), context.resolve("build.sh"));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private JsonNode build(boolean stream) throws Exception {
    Path metadata = temp.resolve("metadata.json");
    Files.deleteIfExists(metadata);
    CtxHarness.Result r = stream
        ? harness.ctx("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString())
        : harness.ctx("build", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString());
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s\ndaemon log:\n%s", r.out(), r.err(), harness.log()).isZero();
    JsonNode json = r.json(metadata);
    assertThat(r.out()).contains(json.at("/context/digest").asText());
    return json;
  }

  private long sizeOf(String... paths) throws Exception {
    long total = 0;
    for (String p : paths) total += Files.size(context.resolve(p));
    return total;
  }

  private void assertMaterializedEqualsFilteredSource(JsonNode json) throws Exception {
    Path materialized = Path.of(json.at("/context/materializedPath").asText());
    TreeMap<String, String> expected = TreeSnapshot.of(context, Set.of("node_modules", "debug.log"));
    assertThat(TreeSnapshot.of(materialized, Set.of())).isEqualTo(expected);
    assertThat(Files.getAttribute(materialized.resolve("build-alias.sh"), "unix:ino"))
        .as("hard links stay one file with two names")
        .isEqualTo(Files.getAttribute(materialized.resolve("build.sh"), "unix:ino"));
  }

  @Test
  void stream_sendsEverythingOnce_thenOnlyWhatChanged() throws Exception {
    JsonNode first = build(true);
    // Files: App.java, data.txt, build.sh, build-alias.sh (hard link), keep.log, Dockerfile, .dockerignore.
    assertThat(first.at("/context/files").asLong()).isEqualTo(7);
    assertThat(first.at("/transfer/mode").asText()).isEqualTo("stream");
    assertThat(first.at("/transfer/filesSent").asLong()).isEqualTo(6);
    long contextBytes = sizeOf("src/main/App.java", "src/main/deep/data.txt", "build.sh", "keep.log", "Dockerfile", ".dockerignore");
    assertThat(first.at("/context/bytes").asLong()).isEqualTo(contextBytes);
    assertThat(first.at("/transfer/contentBytes").asLong()).isEqualTo(contextBytes);
    assertMaterializedEqualsFilteredSource(first);
    String digest = first.at("/context/digest").asText();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");

    JsonNode second = build(true);
    assertThat(second.at("/transfer/filesSent").asLong()).isZero();
    assertThat(second.at("/transfer/contentBytes").asLong()).isZero();
    assertThat(second.at("/transfer/reusedFiles").asLong()).isEqualTo(7);
    assertThat(second.at("/context/digest").asText()).isEqualTo(digest);
    assertMaterializedEqualsFilteredSource(second);

    Files.writeString(context.resolve("src/main/deep/data.txt"), "deep data, edited\n");
    JsonNode edited = build(true);
    assertThat(edited.at("/transfer/filesSent").asLong()).isEqualTo(1);
    assertThat(edited.at("/transfer/contentBytes").asLong()).isEqualTo(18);
    assertThat(edited.at("/context/digest").asText()).isNotEqualTo(digest);
    assertMaterializedEqualsFilteredSource(edited);

    Files.delete(context.resolve("keep.log"));
    JsonNode deleted = build(true);
    assertThat(deleted.at("/transfer/filesSent").asLong()).isZero();
    assertThat(Path.of(deleted.at("/context/materializedPath").asText()).resolve("keep.log")).doesNotExist();
    assertMaterializedEqualsFilteredSource(deleted);
  }

  @Test
  void stream_sameSizeEditWithMtimeSetBack_isSeen() throws Exception {
    Path file = context.resolve("src/main/App.java");
    var mtime = Files.getLastModifiedTime(file);
    build(true);
    Files.writeString(file, "class Xyz {}\n"); // same size
    Files.setLastModifiedTime(file, mtime);    // what `touch -t` does; ctime still moves
    JsonNode after = build(true);
    assertThat(after.at("/transfer/filesSent").asLong()).isEqualTo(1);
    assertMaterializedEqualsFilteredSource(after);
  }

  @Test
  void withoutStream_sendsWholeContextEveryTime() throws Exception {
    JsonNode first = build(false);
    JsonNode second = build(false);
    for (JsonNode json : new JsonNode[] {first, second}) {
      assertThat(json.at("/transfer/mode").asText()).isEqualTo("full");
      assertThat(json.at("/transfer/filesSent").asLong()).isEqualTo(6);
      assertThat(json.at("/transfer/contentBytes").asLong())
          .isEqualTo(sizeOf("src/main/App.java", "src/main/deep/data.txt", "build.sh", "keep.log", "Dockerfile", ".dockerignore"));
      assertMaterializedEqualsFilteredSource(json);
    }
    assertThat(second.at("/context/digest").asText()).isEqualTo(first.at("/context/digest").asText());
  }

  @Test
  void daemonKilledBetweenBuilds_keepsCache() throws Exception {
    build(true);
    harness.killDaemon();
    harness.startDaemon();
    JsonNode after = build(true);
    assertThat(after.at("/transfer/filesSent").asLong()).isZero();
    assertThat(after.at("/transfer/contentBytes").asLong()).isZero();
    assertMaterializedEqualsFilteredSource(after);
  }

  @Test
  void stream_noChangeAndNothingRehashed_leavesTheClientStateFileAlone() throws Exception {
    Path states = temp.resolve("home/cache/ctxd/contexts");
    // Files made within the racy margin of a save are rehashed once more; build until none is.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    JsonNode json = build(true);
    while (json.at("/transfer/hashedFiles").asLong() != 0) {
      assertThat(System.nanoTime()).as("a build that rehashes nothing within 60s").isLessThan(deadline);
      json = build(true);
    }
    Path state;
    try (var files = Files.list(states)) {
      state = files.filter(f -> f.toString().endsWith(".state")).findFirst().orElseThrow();
    }
    Object inode = Files.getAttribute(state, "unix:ino");
    var modified = Files.getLastModifiedTime(state);

    JsonNode again = build(true);

    assertThat(again.at("/transfer/hashedFiles").asLong()).isZero();
    assertThat(again.at("/transfer/filesSent").asLong()).isZero();
    assertThat(Files.getAttribute(state, "unix:ino")).as("saved by a temp file and a move: a new inode").isEqualTo(inode);
    assertThat(Files.getLastModifiedTime(state)).isEqualTo(modified);
    Files.writeString(context.resolve("keep.log"), "kept, edited\n");
    build(true);
    assertThat(Files.getAttribute(state, "unix:ino")).as("an edit is learned, so the state is saved").isNotEqualTo(inode);
  }
}
