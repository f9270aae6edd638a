package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: {@code ctx session --watch} as a real CLI process beside a real daemon process. */
class SessionCommandEndToEndTest {
  @TempDir Path temp;

  private static String awaitOutput(Path file, String needle, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.contains(needle)) return text;
      assertThat(p.isAlive()).as("ctx session exited early; output:\n%s", text).isTrue();
      assertThat(System.nanoTime()).as("no \"%s\" within 60s; output:\n%s", needle, text).isLessThan(deadline);
      p.waitFor(20, TimeUnit.MILLISECONDS); // polls the file while the process runs
    }
  }

  @Test
  void watch_printsALinePerSync_buildAfterwardsSendsNothing_stopsCleanly() throws Exception {
    try (CtxHarness harness = new CtxHarness(temp.resolve("home"))) {
      harness.startDaemon();
      Path context = Files.createDirectories(temp.resolve("ctx"));
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
      Files.writeString(context.resolve("main.go"), "package main\n");
      Path out = temp.resolve("session.out");
      Path err = temp.resolve("session.err");
      ProcessBuilder pb = new ProcessBuilder(CtxHarness.java("session", "--watch", "--host", harness.host(), context.toString()));
      pb.environment().remove("CTXD_HOST");
      pb.environment().putAll(harness.environment());
      Process session = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try {
        awaitOutput(out, "=> sync 1 (open) sent 2 files, 35B", session);
        assertThat(awaitOutput(err, "press Ctrl-C to stop", session)).contains("watching " + context.toRealPath());

        Files.writeString(context.resolve("main.go"), "package main\n\nfunc main() {}\n");
        String lines = awaitOutput(out, "=> sync 2 (watch) sent 1 file, 29B", session);
        assertThat(lines).containsPattern("sync 2 \\(watch\\) sent 1 file, 29B \\| [0-9.]+k?B on the wire \\| 2 files \\(51B\\) \\| sha256:[0-9a-f]{64} \\| [0-9.]+s");

        Path metadata = temp.resolve("m.json");
        CtxHarness.Result build = harness.ctx("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        JsonNode json = build.json(metadata);
        assertThat(json.at("/transfer/filesSent").asLong()).isZero();
        assertThat(Path.of(json.at("/context/materializedPath").asText()).resolve("main.go")).hasContent("package main\n\nfunc main() {}");
      } finally {
        session.destroy(); // SIGTERM runs the same shutdown path as Ctrl-C's SIGINT
        assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.readString(err)).contains("stopped watching " + context.toRealPath());
    }
  }
}
