package dev.ctxd.bench;

import dev.ctxd.sync.client.BuildOptions;
import dev.ctxd.sync.client.BuildSummary;
import dev.ctxd.sync.client.ClientOptions;
import dev.ctxd.sync.client.CtxClient;
import dev.ctxd.sync.client.Session;
import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionOptions;
import dev.ctxd.sync.client.SyncSummary;
import dev.ctxd.sync.client.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures the IDE session on a tree, without JMH (a sync is milliseconds to seconds and
 * involves a daemon process): the time from saving one file to the watcher's "synced" event,
 * and the build right after it over the same session. {@code benchmarks/watch-latency.sh}
 * starts a daemon and compares with cold {@code ctx build --stream} runs.
 *
 * <p>Usage: {@code WatchLatency HOST TREE FILE [RUNS] [QUIET_MS]}: FILE (relative to TREE) gets a
 * line appended per run; the tree is left with those lines, so run it on a copy.
 */
public final class WatchLatency {
  private WatchLatency() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: WatchLatency HOST TREE FILE [RUNS] [QUIET_MS]");
      System.exit(2);
    }
    // gRPC asks every channel for SO_KEEPALIVE, which unix sockets lack; harmless, so unsaid.
    System.setProperty("org.slf4j.simpleLogger.log.io.netty.bootstrap", "error");
    String host = args[0];
    Path tree = Path.of(args[1]).toRealPath();
    Path file = tree.resolve(args[2]);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    Duration quiet = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : SessionOptions.DEFAULT_QUIET_PERIOD.toMillis());
    LinkedBlockingQueue<Object[]> synced = new LinkedBlockingQueue<>();
    SessionOptions options = SessionOptions.defaults().withWatch(true).withDebounce(quiet, SessionOptions.DEFAULT_MAX_DELAY.plus(quiet));
    try (CtxClient client = CtxClient.connect(ClientOptions.forHost(host));
         Session session = client.open(tree, options)) {
      session.subscribe(e -> {
        if (e instanceof SessionEvent.Synced s) synced.add(new Object[] {System.nanoTime(), s.summary()});
      });
      long openStarted = System.nanoTime();
      BuildSummary warm = session.build(BuildOptions.defaults()); // the session's first sync and build
      System.out.printf(Locale.ROOT, "open + first build: %.3fs (%d files, %s sent)%n",
          (System.nanoTime() - openStarted) / 1e9, warm.sync().files(), warm.sync().filesSent());
      synced.clear();
      List<Double> saveToSynced = new ArrayList<>();
      List<Double> buildAfter = new ArrayList<>();
      long filesSentByBuilds = 0;
      for (int i = 0; i < runs; i++) {
        long saved = System.nanoTime();
        Files.writeString(file, "// edit " + i + " at " + saved + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        SyncSummary s;
        long at;
        do {
          Object[] next = synced.poll(60, TimeUnit.SECONDS);
          if (next == null) throw new IllegalStateException("no sync within 60s after edit " + i);
          at = (Long) next[0];
          s = (SyncSummary) next[1];
        } while (s.trigger() != Trigger.WATCH || s.filesSent() == 0);
        saveToSynced.add((at - saved) / 1e6);
        long buildStarted = System.nanoTime();
        BuildSummary b = session.build(BuildOptions.defaults());
        buildAfter.add((System.nanoTime() - buildStarted) / 1e6);
        filesSentByBuilds += b.sync().filesSent();
        synced.clear();
      }
      System.out.printf(Locale.ROOT, "save -> synced (quiet period %dms): median %.1fms, min %.1fms, max %.1fms over %d runs%n",
          quiet.toMillis(), median(saveToSynced), Collections.min(saveToSynced), Collections.max(saveToSynced), runs);
      System.out.printf(Locale.ROOT, "build right after:              median %.1fms, min %.1fms, max %.1fms; files sent by those builds: %d%n",
          median(buildAfter), Collections.min(buildAfter), Collections.max(buildAfter), filesSentByBuilds);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
