package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.Hello;
import dev.ctxd.proto.v1.ServerMessage;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.ProgressListener;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: a real daemon process with {@code --metrics-addr}; a client in this JVM syncs and
 * builds while the test scrapes {@code /metrics} during and after each step and checks that
 * every counter moved by exactly what the step did. Also: the daemon's log has one line per
 * session event and no stack trace for a client's mistakes.
 */
class MetricsEndToEndTest {
  private static final ContextFilter NOTHING_IGNORED = filter();
  private static final int BIG = 2 * Chunking.CHUNK_SIZE + 12_345; // three chunks

  @TempDir Path temp;
  private CtxHarness harness;
  private DaemonMetrics metrics;

  private static ContextFilter filter() {
    try {
      return ContextFilter.of(List.of(), List.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    metrics = DaemonMetrics.startDaemon(harness);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private Map<String, Double> scrape() throws Exception {
    return metrics.scrape();
  }

  private Map<String, Double> scrapeUntil(Predicate<Map<String, Double>> ready, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Map<String, Double> m = scrape();
      if (ready.test(m)) return m;
      assertThat(System.nanoTime()).as("waiting for %s; last scrape %s", what, m).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static double v(Map<String, Double> m, String key) {
    return m.getOrDefault(key, 0.0);
  }

  /** How much each meter moved from {@code before} to {@code after}. */
  private static Map<String, Double> moved(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new HashMap<>();
    for (var e : after.entrySet()) d.put(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0));
    return d;
  }

  private Path tree(String name, String small) throws IOException {
    Path dir = temp.resolve(name);
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("src/small.txt"), small);
    byte[] big = new byte[BIG];
    new Random(7).nextBytes(big);
    Files.write(dir.resolve("src/big.bin"), big);
    return dir;
  }

  private ContextSession open(Path dir) throws IOException {
    return ContextSession.open(HostAddress.parse(harness.host()), dir, temp.resolve(dir.getFileName() + ".state"), Duration.ofMinutes(1));
  }

  @Test
  void countersMoveByWhatEachSyncAndBuildDid() throws Exception {
    Map<String, Double> start = scrape();
    assertThat(start).containsEntry("ctxd_sessions_open", 0.0).containsEntry("ctxd_sessions_total", 0.0)
        .containsKeys("ctxd_cache_disk_bytes", "ctxd_sync_duration_seconds_count", "ctxd_build_duration_seconds_count",
            "ctxd_gc_runs_total", "ctxd_gc_bytes_reclaimed_bytes_total");

    Path a = tree("a", "hello\n");
    long bytesA = 13 + 6 + BIG;
    Map<String, Double> afterFirst;
    try (ContextSession session = open(a)) {
      SyncReport sync = session.sync(NOTHING_IGNORED, false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
      Map<String, Double> during = scrape(); // the session is still open
      Map<String, Double> d = moved(start, during);
      assertThat(during).containsEntry("ctxd_sessions_open", 1.0);
      assertThat(d).containsEntry("ctxd_sessions_total", 1.0)
          .containsEntry("ctxd_syncs_total{mode=\"full\"}", 1.0)
          .containsEntry("ctxd_sync_entries_received_total", (double) sync.entries()) // src and 3 files
          .containsEntry("ctxd_sync_files_received_total", 3.0)
          .containsEntry("ctxd_sync_chunks_received_total", 5.0) // Dockerfile, small.txt, 3 of big.bin
          .containsEntry("ctxd_sync_bytes_received_bytes_total", (double) bytesA)
          .containsEntry("ctxd_sync_chunks_reused_total", 0.0)
          .containsEntry("ctxd_sync_duration_seconds_count", 1.0)
          .containsEntry("ctxd_builds_total", 0.0);
      assertThat(sync.entries()).isEqualTo(4);
      assertThat(v(during, "ctxd_sync_duration_seconds_sum")).isPositive();

      session.build("Dockerfile", "FROM scratch\n".getBytes(), false);
      Map<String, Double> built = scrape();
      assertThat(moved(during, built)).containsEntry("ctxd_builds_total", 1.0).containsEntry("ctxd_build_duration_seconds_count", 1.0)
          .containsEntry("ctxd_syncs_total{mode=\"full\"}", 0.0);
      assertThat(v(built, "ctxd_build_duration_seconds_sum")).isPositive();

      assertThatThrownBy(() -> session.build("Dockerfile", new byte[0], false)).hasMessageContaining("is empty");
      assertThat(moved(built, scrape())).containsEntry("ctxd_errors_total{kind=\"invalid-argument\"}", 1.0)
          .containsEntry("ctxd_builds_total", 0.0);
    }
    afterFirst = scrapeUntil(m -> v(m, "ctxd_sessions_open") == 0.0, "the closed session to be released");
    assertThat(v(afterFirst, "ctxd_sessions_total")).isEqualTo(1.0);

    // The same content under another context: every chunk is reused, none received.
    Path b = temp.resolve("copy");
    Files.createDirectories(b);
    try (var walk = Files.walk(a)) {
      for (Path p : walk.toList()) {
        Path to = b.resolve(a.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
      }
    }
    try (ContextSession session = open(b)) {
      session.sync(NOTHING_IGNORED, false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
    }
    Map<String, Double> afterCopy = scrapeUntil(m -> v(m, "ctxd_sessions_open") == 0.0, "the second session to end");
    assertThat(moved(afterFirst, afterCopy)).containsEntry("ctxd_sessions_total", 1.0)
        .containsEntry("ctxd_syncs_total{mode=\"full\"}", 1.0)
        .containsEntry("ctxd_sync_files_received_total", 3.0)
        .containsEntry("ctxd_sync_chunks_reused_total", 5.0)
        .containsEntry("ctxd_sync_bytes_reused_bytes_total", (double) bytesA)
        .containsEntry("ctxd_sync_chunks_received_total", 0.0)
        .containsEntry("ctxd_sync_bytes_received_bytes_total", 0.0);

    // A delta: one small file changed.
    Files.writeString(a.resolve("src/small.txt"), "hello, world\n");
    try (ContextSession session = open(a)) {
      session.sync(NOTHING_IGNORED, false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
    }
    Map<String, Double> afterDelta = scrapeUntil(m -> v(m, "ctxd_sessions_open") == 0.0, "the third session to end");
    assertThat(moved(afterCopy, afterDelta)).containsEntry("ctxd_syncs_total{mode=\"delta\"}", 1.0)
        .containsEntry("ctxd_sync_files_received_total", 1.0)
        .containsEntry("ctxd_sync_chunks_received_total", 1.0)
        .containsEntry("ctxd_sync_bytes_received_bytes_total", 13.0)
        .containsEntry("ctxd_sync_duration_seconds_count", 1.0);

    // A client speaking only an unknown protocol version: one error of its kind, no session.
    assertThat(helloWithVersion(99).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    Map<String, Double> afterBadHello = scrape();
    assertThat(moved(afterDelta, afterBadHello)).containsEntry("ctxd_errors_total{kind=\"failed-precondition\"}", 1.0)
        .containsEntry("ctxd_sessions_total", 0.0);

    // The disk gauge is re-read at most every 5s; it comes to hold at least the content stored.
    scrapeUntil(m -> v(m, "ctxd_cache_disk_bytes") >= bytesA + 13, "the cache size on disk to include the content");

    assertLogHasOneLinePerEventAndNoStackTrace();
  }

  private Status helloWithVersion(int version) throws Exception {
    try (DaemonChannel channel = Channels.open(HostAddress.parse(harness.host()))) {
      CompletableFuture<Status> ended = new CompletableFuture<>();
      StreamObserver<ClientMessage> out = ContextServiceGrpc.newStub(channel.channel()).withDeadlineAfter(20, TimeUnit.SECONDS)
          .session(new StreamObserver<ServerMessage>() {
            @Override public void onNext(ServerMessage m) {}
            @Override public void onError(Throwable t) { ended.complete(Status.fromThrowable(t)); }
            @Override public void onCompleted() { ended.complete(Status.OK); }
          });
      out.onNext(ClientMessage.newBuilder().setHello(Hello.newBuilder().addProtocolVersions(version).setClientVersion("test").setContextKey("k")).build());
      return ended.get(20, TimeUnit.SECONDS);
    }
  }

  private void assertLogHasOneLinePerEventAndNoStackTrace() throws Exception {
    String log = scrapeLog(l -> l.contains("ended (failed-precondition)"));
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(log.lines().filter(l -> l.matches(".* opened by uid:\\d+ for context .*"))).hasSize(3);
    assertThat(log.lines().filter(l -> l.contains(" committed version "))).hasSize(3);
    assertThat(log.lines().filter(l -> l.contains(" built version "))).hasSize(1);
    assertThat(log.lines().filter(l -> l.contains(" request failed (invalid-argument): the Dockerfile Dockerfile is empty"))).hasSize(1);
    assertThat(log.lines().filter(l -> l.contains(" ended (failed-precondition): no common protocol version"))).hasSize(1);
    assertThat(log.lines().filter(l -> l.endsWith(" closed"))).hasSize(3);
    for (String line : log.lines().toList()) {
      if (line.startsWith("ctxd ")) continue; // the daemon's own startup lines on stderr
      assertThat(line).as("every log line is one stamped event").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* \\[[^\\]]+\\] (INFO|WARN|ERROR) .+");
    }
  }

  /** The daemon log once it holds a line matching {@code ready} (the process writes it asynchronously). */
  private String scrapeLog(Predicate<String> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String log = harness.log();
      if (log.lines().anyMatch(ready)) return log;
      assertThat(System.nanoTime()).as("daemon log:\n%s", log).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
