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
 * Through the real daemon and CLI: thousands of entries with paths of ~2 KB. The client cut
 * entry batches by count only (2048), so such a tree made one EntryBatch of ~4.5 MB, past the
 * 4 MiB message limit, and the daemon reset the stream; batches are now cut by bytes too.
 */
class LongPathsEndToEndTest {
  private static final int FILES = 2100;
  @TempDir Path temp;
  private CtxHarness harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void thousandsOfPathsNearTwoKilobytes_syncAndMaterializeExactly() throws Exception {
    Path context = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Path deep = context;
    for (int i = 0; i < 8; i++) deep = deep.resolve("d" + i + "x".repeat(240));
    Files.createDirectories(deep);
    for (int i = 0; i < FILES; i++) Files.writeString(deep.resolve(String.format("%05d-", i) + "f".repeat(200)), i % 7 == 0 ? "x" + i : "");
    JsonNode json = harness.streamBuildExact(context, temp.resolve("meta.json"));
    assertThat(json.at("/context/files").asLong()).isEqualTo(FILES + 1);
  }
}
