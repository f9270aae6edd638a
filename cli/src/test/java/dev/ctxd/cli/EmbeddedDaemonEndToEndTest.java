package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no daemon running, builds started at once share the one embedded daemon that the first starts. */
class EmbeddedDaemonEndToEndTest {
  private static final int BUILDS = 4;
  @TempDir Path temp;
  private CtxHarness harness;

  @AfterEach
  void stopTheEmbeddedDaemon() throws Exception {
    Path pid = temp.resolve("home/data/ctxd/daemon/daemon.pid");
    if (Files.exists(pid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
      });
    }
  }

  @Test
  void buildsStartedAtOnce_allSucceed_throughOneDaemon() throws Exception {
    harness = new CtxHarness(Files.createDirectories(temp.resolve("home")));
    Path context = Files.createDirectories(temp.resolve("project"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(context.resolve("app.txt"), "app\n");
    ExecutorService pool = Executors.newFixedThreadPool(BUILDS);
    try {
      List<Future<CtxHarness.Result>> builds = new ArrayList<>();
      for (int i = 0; i < BUILDS; i++) builds.add(pool.submit(() -> harness.ctx("build", "--stream", "--progress=quiet", context.toString())));
      long started = 0;
      for (Future<CtxHarness.Result> f : builds) {
        CtxHarness.Result r = f.get(180, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).startsWith("context " + context.toRealPath() + ": 2 files");
        if (r.err().contains("started ctxd daemon on ")) started++;
      }
      assertThat(started).as("builds that started a daemon").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
