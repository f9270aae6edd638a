package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FIFO in the context: left out with a warning, and the build goes on (issue 2). */
class SpecialFilesEndToEndTest {
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
  void fifo_isLeftOutWithAWarning_andTheRestIsBuilt() throws Exception {
    Path context = Files.createDirectories(temp.resolve("project/run"));
    context = context.getParent();
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(context.resolve("run/app.txt"), "app\n");
    Process mkfifo = new ProcessBuilder("mkfifo", context.resolve("run/control.fifo").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Path metadata = temp.resolve("metadata.json");

    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(),
        "--metadata-file", metadata.toString(), context.toString());

    assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEqualTo("WARNING: left out run/control.fifo: sockets, FIFOs and devices cannot be part of a build context\n");
    JsonNode json = r.json(metadata);
    assertThat(json.at("/context/files").asLong()).isEqualTo(2);
    Path materialized = Path.of(json.at("/context/materializedPath").asText());
    assertThat(materialized.resolve("run/app.txt")).hasContent("app");
    assertThat(materialized.resolve("run/control.fifo")).doesNotExist();
  }
}
