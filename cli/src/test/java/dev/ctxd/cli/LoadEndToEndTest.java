package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.ProgressListener;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.upload.SyncException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: {@value #CLIENTS} concurrent clients sync and build against one real daemon process
 * (-Xmx{@value #XMX_MB}m) for a bounded time ({@code -Dctxd.load.seconds}, default 20). Half share
 * identical contexts (pairs of clients on one directory, so one context key), half own a copy
 * of the same tree (identical chunks under different keys) and edit it before every sync. Every
 * build's edited file, and at the end every copy, must equal its source; the daemon's heap, sampled from its Prometheus endpoint,
 * must stay under the stated bound. Figures go to the test's output.
 */
@Tag("load")
class LoadEndToEndTest {
  static final int CLIENTS = 32;
  static final int XMX_MB = 256;
  /** The stated bound: the old generation (what survives young collections) stays under this. */
  static final long OLD_GEN_BOUND = 128L << 20;
  @TempDir Path temp;

  @Test
  void manyClients_syncAndBuild_copiesEqualSources_heapBounded() throws Exception {
    int seconds = Integer.getInteger("ctxd.load.seconds", 20);
    Path template = temp.resolve("template");
    writeTree(template);
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Path dir = temp.resolve(i < CLIENTS / 2 ? "shared-" + (i / 2) : "own-" + i);
      if (!Files.exists(dir)) copyTree(template, dir);
      dirs.add(dir);
    }
    int metricsPort;
    try (ServerSocket s = new ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    try (CtxHarness harness = new CtxHarness(temp.resolve("home"))) {
      harness.startDaemon(Map.of(), List.of("-Xmx" + XMX_MB + "m"), "--metrics-addr", "127.0.0.1:" + metricsPort);
      HeapSampler heap = new HeapSampler(metricsPort);
      Thread sampler = new Thread(heap, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Stats stats = new Stats();
      Map<Path, ReentrantLock> buildLocks = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int id = i;
        Path dir = dirs.get(i);
        clients.add(pool.submit(() -> {
          runClient(id, dir, dir.getFileName().toString().startsWith("own-"), HostAddress.unix(harness.socket),
              temp.resolve("state-" + id + ".json"), deadline, stats, buildLocks.computeIfAbsent(dir, d -> new ReentrantLock()));
          return null;
        }));
      }
      for (Future<?> f : clients) f.get(seconds + 120L, TimeUnit.SECONDS);
      pool.shutdown();
      heap.stop();
      sampler.join(5_000);

      List<Long> latencies = new ArrayList<>(stats.latencies);
      Collections.sort(latencies);
      List<Long> steady = new ArrayList<>(stats.steadyLatencies);
      Collections.sort(steady);
      String report = String.format("load: %d clients, %d s, %d syncs (%d builds, %d rebuilt after a concurrent prune), %d bytes of content sent,"
              + " %d wire bytes, sync latency p50 %.1f ms p99 %.1f ms (after the first sync: %d syncs, p50 %.1f ms p99 %.1f ms), daemon heap peak %.1f MB (old gen peak %.1f MB, -Xmx%dm), %d heap samples",
          CLIENTS, seconds, stats.syncs.get(), stats.builds.get(), stats.retries.get(), stats.contentBytes.get(), stats.wireBytes.get(),
          percentile(latencies, 50) / 1e6, percentile(latencies, 99) / 1e6, steady.size(), percentile(steady, 50) / 1e6,
          percentile(steady, 99) / 1e6, heap.peakHeap / 1e6, heap.peakOld / 1e6, XMX_MB, heap.samples);
      System.out.println(report);
      Files.writeString(Path.of("target", "load-report.txt"), report + "\n");
      assertThat(stats.mismatches).as("copies that differed from their source").isEmpty();
      assertThat(stats.syncs.get()).isGreaterThanOrEqualTo(CLIENTS);
      assertThat(heap.samples).isPositive();
      assertThat(heap.peakOld).as("daemon old generation peak").isLessThan(OLD_GEN_BOUND);
      assertThat(harness.ctx("daemon", "--check", "--root", harness.root.toString()).exitCode()).isZero();
    }
  }

  private static void runClient(int id, Path dir, boolean edits, HostAddress address, Path stateFile, long deadline, Stats stats,
      ReentrantLock buildLock) throws Exception {
    Random random = new Random(id);
    byte[] dockerfile = Files.readAllBytes(dir.resolve("Dockerfile"));
    ContextFilter filter = ContextFilter.of(List.of(), List.of());
    try (ContextSession session = ContextSession.open(address, dir, stateFile, Duration.ofMinutes(2))) {
      int round = 0;
      do {
        if (edits) {
          byte[] content = new byte[1 + random.nextInt(256 << 10)];
          random.nextBytes(content);
          Files.write(dir.resolve("own-" + (round % 4) + ".bin"), content);
        }
        long started = System.nanoTime();
        SyncReport sync = session.sync(filter, false, dev.ctxd.sync.upload.Compression.ALWAYS, new ProgressListener() {});
        stats.latencies.add(System.nanoTime() - started);
        if (round > 0) stats.steadyLatencies.add(System.nanoTime() - started);
        stats.syncs.incrementAndGet();
        stats.contentBytes.addAndGet(sync.contentBytesSent());
        buildLock.lock(); // one copy per context: its builders take turns, as they would with one build dir
        try {
          BuildReport build;
          try {
            build = session.build("Dockerfile", dockerfile, false);
          } catch (SyncException e) {
            // the other client of a shared context committed twice meanwhile and the version was pruned
            if (!e.getMessage().contains("is not in the daemon's cache")) throw e;
            stats.retries.incrementAndGet();
            session.sync(filter, false, dev.ctxd.sync.upload.Compression.ALWAYS, new ProgressListener() {});
            build = session.build("Dockerfile", dockerfile, false);
          }
          stats.builds.incrementAndGet();
          boolean last = System.nanoTime() >= deadline;
          // every round: the file just edited; at the end: the whole copy (the full comparison costs more than a sync)
          boolean equal = last ? TreeSnapshot.of(build.materializedPath(), Set.of()).equals(TreeSnapshot.of(dir, Set.of()))
              : !edits || java.util.Arrays.equals(Files.readAllBytes(build.materializedPath().resolve("own-" + (round % 4) + ".bin")),
                  Files.readAllBytes(dir.resolve("own-" + (round % 4) + ".bin")));
          if (!equal) stats.mismatches.add("client " + id + " round " + round + ": " + build.materializedPath());
        } finally {
          buildLock.unlock();
        }
        round++;
      } while (System.nanoTime() < deadline);
      stats.wireBytes.addAndGet(session.wireBytes());
    }
  }

  static final class Stats {
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    final List<Long> steadyLatencies = Collections.synchronizedList(new ArrayList<>()); // after each client's first (full) sync
    final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong builds = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong contentBytes = new AtomicLong();
    final AtomicLong wireBytes = new AtomicLong();
  }

  /** Polls the daemon's jvm_memory_used_bytes every 100 ms: total heap and old generation. */
  static final class HeapSampler implements Runnable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private volatile boolean running = true;
    volatile long peakHeap;
    volatile long peakOld;
    volatile int samples;

    HeapSampler(int port) {
      uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      while (running) {
        try {
          String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
          long heap = 0;
          long old = 0;
          for (String line : body.split("\n")) {
            if (!line.startsWith("jvm_memory_used_bytes{") || !line.contains("area=\"heap\"")) continue;
            long v = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            heap += v;
            if (line.contains("Tenured") || line.contains("Old")) old += v;
          }
          peakHeap = Math.max(peakHeap, heap);
          peakOld = Math.max(peakOld, old);
          samples++;
          Thread.sleep(100);
        } catch (IOException e) {
          // the endpoint is up once the daemon listens; retry
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return 0;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** 100 small files in 10 directories and one 2 MiB file (two chunks). */
  private static void writeTree(Path root) throws IOException {
    Random random = new Random(42);
    Files.createDirectories(root);
    Files.writeString(root.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    for (int i = 0; i < 100; i++) {
      Path file = root.resolve("src/d" + (i % 10) + "/file" + i + ".txt");
      Files.createDirectories(file.getParent());
      byte[] content = new byte[100 + random.nextInt(8000)];
      random.nextBytes(content);
      Files.write(file, content);
    }
    byte[] big = new byte[2 << 20];
    random.nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
