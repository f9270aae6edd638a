package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: a real daemon process SIGKILLs itself at a chosen point of a sync (CTXD_FAULT),
 * restarts, passes {@code ctx daemon --check}, and the next sync sends only what it lacks;
 * a copy interrupted mid-materialization is never presented as complete.
 */
class FaultInjectionEndToEndTest {
  private static final int FILES = 12; // plus the Dockerfile; every file is exactly 512 KiB, one chunk
  private static final int SIZE = 512 << 10;
  /** Chunks travel in batches of ~1 MiB (protocol 2): two of these per batch, stored together. */
  private static final int PER_BATCH = 2;
  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    context = Files.createDirectories(temp.resolve("project"));
    Files.writeString(context.resolve("Dockerfile"), pad("FROM scratch\nCOPY . /app"));
    for (int i = 0; i < FILES; i++) Files.writeString(context.resolve("f" + i + ".txt"), pad("file " + i));
  }

  /** {@code head} padded to SIZE bytes with comment lines (a Dockerfile line may not exceed 64 KiB). */
  private static String pad(String head) {
    StringBuilder s = new StringBuilder(head).append('\n');
    while (s.length() + 64 + 2 <= SIZE) s.append('#').append("x".repeat(62)).append('\n');
    int rest = SIZE - s.length();
    s.append('#').append("x".repeat(rest - 2)).append('\n');
    return s.toString();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private JsonNode buildOk() throws Exception {
    return harness.streamBuildExact(context, temp.resolve("metadata.json"));
  }

  private void crashAt(String fault) throws Exception {
    harness.crashBuildAt(fault, context, temp.resolve("metadata.json"));
  }

  @Test
  void killedMidUpload_nextSyncSendsOnlyTheChunksNotStored() throws Exception {
    crashAt("after-chunks:5");
    int stored = 3 * PER_BATCH; // the fault fires once the batch holding the 5th chunk is stored
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/filesSent").asLong()).isEqualTo(FILES + 1 - stored);
    assertThat(after.at("/transfer/contentBytes").asLong()).isEqualTo((FILES + 1 - stored) * (long) SIZE);
  }

  @Test
  void killedBeforeCommit_nextSyncSendsNoContent() throws Exception {
    crashAt("before-commit");
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/filesSent").asLong()).isZero();
    assertThat(after.at("/transfer/contentBytes").asLong()).isZero();
  }

  @Test
  void killedAfterCommitBeforeTheReply_nextSyncSendsNoContent() throws Exception {
    crashAt("after-commit");
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/contentBytes").asLong()).isZero();
  }

  @Test
  void killedMidMaterialization_theCopyIsNotMarkedComplete_andTheNextBuildRedoesIt() throws Exception {
    crashAt("mid-materialize:4");
    try (var dirs = Files.list(harness.root.resolve("contexts"))) {
      Path home = dirs.findFirst().orElseThrow();
      assertThat(home.resolve("materialized.version")).as("an interrupted copy has no completion marker").doesNotExist();
      try (var files = Files.list(home.resolve("tree"))) {
        assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".ctxd-tmp-")).count()).isBetween(4L, (long) FILES + 1);
      }
    }
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/contentBytes").asLong()).isZero();
  }
}
