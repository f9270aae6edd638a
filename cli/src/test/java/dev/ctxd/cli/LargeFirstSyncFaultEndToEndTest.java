package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a first sync larger than the daemon's WAL budget (16 MiB, SessionHandler) sends its
 * later chunks without the WAL. A real daemon SIGKILLed (CTXD_FAULT) mid-upload or before the
 * commit keeps the first 16 chunks and loses the rest whole, passes {@code ctx daemon --check},
 * and the next sync sends exactly what was lost; once Committed, a kill loses nothing. Every
 * file, the Dockerfile included, is exactly one 1 MiB chunk, so the counts are exact.
 */
class LargeFirstSyncFaultEndToEndTest {
  private static final int MIB = 1 << 20;
  private static final int FILES = 24; // plus the Dockerfile
  private static final int LOGGED = 16; // chunks within the WAL budget
  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    context = Files.createDirectories(temp.resolve("project"));
    StringBuilder dockerfile = new StringBuilder("FROM scratch\nCOPY . /app\n");
    while (dockerfile.length() + 64 <= MIB) dockerfile.append('#').append("x".repeat(62)).append('\n');
    int rest = MIB - dockerfile.length();
    dockerfile.append('#').append("y".repeat(rest - 2)).append('\n');
    Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.US_ASCII);
    assertThat(Files.size(context.resolve("Dockerfile"))).isEqualTo(MIB);
    Random random = new Random(8);
    for (int i = 0; i < FILES; i++) {
      byte[] content = new byte[MIB];
      random.nextBytes(content);
      Files.write(context.resolve("f" + i + ".bin"), content);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void killedMidUploadPastTheWalBudget_nextSyncSendsTheUnloggedChunksAgain() throws Exception {
    crashAt("after-chunks:20");
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/filesSent").asLong()).isEqualTo(FILES + 1 - LOGGED);
    assertThat(after.at("/transfer/contentBytes").asLong()).isEqualTo((FILES + 1 - LOGGED) * (long) MIB);
  }

  @Test
  void killedBeforeCommit_losesOnlyTheUncommittedUnloggedChunks() throws Exception {
    crashAt("before-commit");
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/filesSent").asLong()).isEqualTo(FILES + 1 - LOGGED);
  }

  @Test
  void killedAfterCommit_everyChunkSurvives_nextSyncSendsNoContent() throws Exception {
    crashAt("after-commit");
    JsonNode after = buildOk();
    assertThat(after.at("/transfer/filesSent").asLong()).isZero();
    assertThat(after.at("/transfer/contentBytes").asLong()).isZero();
  }

  @Test
  void firstSync_materializesAByteExactCopy_andItsChunksSurviveASigkillAfterward() throws Exception {
    harness.startDaemon();
    buildOk();
    harness.killDaemon(); // SIGKILL: only what reached disk counts
    harness.startDaemon();
    JsonNode again = buildOk();
    assertThat(again.at("/transfer/contentBytes").asLong()).isZero();
  }

  private JsonNode buildOk() throws Exception {
    return harness.streamBuildExact(context, temp.resolve("metadata.json"));
  }

  private void crashAt(String fault) throws Exception {
    harness.crashBuildAt(fault, context, temp.resolve("metadata.json"));
  }
}
