package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.IgnoreFileLocator;
import dev.ctxd.ignore.PatternMatcher;
import dev.ctxd.sync.LocalDigest;
import dev.ctxd.sync.client.BuildOptions;
import dev.ctxd.sync.client.BuildSummary;
import dev.ctxd.sync.client.ClientOptions;
import dev.ctxd.sync.client.CtxClient;
import dev.ctxd.sync.client.Session;
import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionOptions;
import dev.ctxd.sync.client.SyncSummary;
import dev.ctxd.sync.client.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: a watching IDE session (the client library in this JVM) against a real daemon
 * process: edits are pushed before the build asks, a daemon restart is survived without a
 * full resend, and a branch switch's burst ends in an exact copy.
 */
class WatchSessionEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path scratch;
  /** tmpfs when there is one: ext4 is slow to create thousands of files soon after deleting many. */
  private Path temp;
  private CtxHarness harness;
  private Path context;
  private CtxClient client;
  private final SessionEvents events = new SessionEvents();

  @BeforeEach
  void setUp() throws Exception {
    Path shm = Path.of("/dev/shm");
    temp = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "ctx-watch-test-") : scratch;
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    context = temp.resolve("project");
    Files.createDirectories(context.resolve("src/main"));
    Files.createDirectories(context.resolve("node_modules/pkg"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Files.writeString(context.resolve(".dockerignore"), "node_modules\n*.log\n");
    Files.writeString(context.resolve("src/main/App.java"), "class App {}\n");
    Files.writeString(context.resolve("src/main/Util.java"), "class Util {}\n");
    Files.writeString(context.resolve("README.md"), "readme\n");
    Files.writeString(context.resolve("node_modules/pkg/index.js"), "ignored\n");
    client = CtxClient.connect(ClientOptions.forHost(harness.host())
        .withStateDir(harness.home.resolve("cache/ctxd"))
        .withReconnect(Duration.ofMillis(50), Duration.ofMillis(500)));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) client.close();
    harness.close();
    if (!temp.equals(scratch)) deleteTree(temp);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }

  private Session openWatching() throws Exception {
    Session s = client.open(context, SessionOptions.defaults().withWatch(true));
    s.subscribe(events);
    return s;
  }

  private void assertMaterializedEqualsSource(BuildSummary b) throws Exception {
    assertThat(TreeSnapshot.of(b.materializedPath(), Set.of()))
        .isEqualTo(TreeSnapshot.of(context, Set.of("node_modules", "debug.log")));
  }

  /** Files and content bytes sent by the syncs seen since the last {@code events.seen.clear()}. */
  private java.util.List<Long> sentSoFar() {
    long files = 0;
    long bytes = 0;
    for (SessionEvent e : events.seen) {
      if (e instanceof SessionEvent.Synced s) {
        files += s.summary().filesSent();
        bytes += s.summary().contentBytesSent();
      }
    }
    return java.util.List.of(files, bytes);
  }

  private String localDigest() throws Exception {
    IgnoreFileLocator.Located located = IgnoreFileLocator.locate(context, "");
    ContextFilter filter = ContextFilter.of(PatternMatcher.compile(located.patterns(), ".dockerignore"), null);
    return LocalDigest.of(context, filter);
  }

  @Test
  void edit_isSyncedByTheWatcher_buildRightAfterSendsNothing() throws Exception {
    try (Session session = openWatching()) {
      // The first sync may finish before the listener is subscribed; a build settles it either way.
      session.build(BuildOptions.defaults());
      events.drainNow();
      events.seen.clear();

      Files.writeString(context.resolve("src/main/App.java"), "class App { int edited; }\n");
      String expected = localDigest();
      // A loaded machine may split the save's truncate and write into two syncs; wait for the end state.
      SyncSummary pushed = events.awaitSynced(s -> s.contextDigest().equals(expected), WAIT);
      assertThat(pushed.trigger()).isEqualTo(Trigger.WATCH);
      assertThat(pushed.deltaUsed()).isTrue();
      assertThat(sentSoFar()).as("files and bytes the watcher's syncs sent").containsExactly(1L, 26L);

      BuildSummary build = session.build(BuildOptions.defaults());
      assertThat(build.sync().changed()).isFalse();
      assertThat(build.sync().filesSent()).isZero();
      assertThat(build.sync().contentBytesSent()).isZero();
      assertThat(build.contextDigest()).isEqualTo(pushed.contextDigest()).isEqualTo(localDigest());
      assertThat(build.materializedPath().resolve("src/main/App.java")).hasContent("class App { int edited; }");
      assertMaterializedEqualsSource(build);
    }
  }

  @Test
  void ignoredPaths_neverUpload_editedDockerignoreReevaluatesTheFilter() throws Exception {
    try (Session session = openWatching()) {
      session.build(BuildOptions.defaults());
      events.drainNow();
      Files.writeString(context.resolve("debug.log"), "noise\n");
      Files.writeString(context.resolve("node_modules/pkg/index.js"), "still ignored\n");
      SyncSummary quiet = session.sync(); // the barrier makes sure the watcher saw both writes
      assertThat(quiet.changed()).isFalse();
      assertThat(quiet.wireBytes()).isZero();
      assertThat(events.drainNow()).noneMatch(e -> e instanceof SessionEvent.Synced);

      events.seen.clear();
      // Replaced as editors save: a new file moved over the old, so no sync can see it half-written.
      Path replacement = Files.writeString(temp.resolve("dockerignore.new"), "node_modules\n");
      Files.move(replacement, context.resolve(".dockerignore"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      String expected = localDigest();
      events.awaitSynced(s -> s.contextDigest().equals(expected), WAIT);
      assertThat(sentSoFar().get(0)).as(".dockerignore and debug.log").isEqualTo(2);
      BuildSummary build = session.build(BuildOptions.defaults());
      assertThat(build.sync().filesSent()).isZero();
      assertThat(build.materializedPath().resolve("debug.log")).hasContent("noise");
      assertThat(build.materializedPath().resolve("node_modules")).doesNotExist();
    }
  }

  @Test
  void daemonKilledAndRestarted_sessionReconnectsByItself_andSendsOnlyWhatChanged() throws Exception {
    try (Session session = openWatching()) {
      BuildSummary first = session.build(BuildOptions.defaults());
      assertMaterializedEqualsSource(first);
      events.drainNow();
      events.seen.clear();

      harness.killDaemon();
      events.await(SessionEvent.Disconnected.class, e -> true, WAIT);
      Files.writeString(context.resolve("src/main/Util.java"), "class Util { /* changed while the daemon was down */ }\n");
      Files.writeString(context.resolve("src/main/New.java"), "class New {}\n");
      harness.startDaemon();

      events.await(SessionEvent.Reconnected.class, e -> true, WAIT);
      SyncSummary caughtUp = events.awaitSynced(s -> s.trigger() == Trigger.RECONNECT || s.trigger() == Trigger.WATCH, WAIT);
      if (caughtUp.filesSent() < 2) caughtUp = events.awaitSynced(s -> true, WAIT); // the edits may land in two syncs
      assertThat(caughtUp.deltaUsed()).as("resumed against the daemon's cache").isTrue();
      BuildSummary after = session.build(BuildOptions.defaults());
      assertThat(after.sync().filesSent()).isZero();
      assertMaterializedEqualsSource(after);
      assertThat(sentSoFar()).as("only the two files changed meanwhile crossed the wire")
          .containsExactly(2L, Files.size(context.resolve("src/main/Util.java")) + Files.size(context.resolve("src/main/New.java")));
    }
  }

  @Test
  void branchSwitchBurstOf5000Changes_endsInAnExactCopy() throws Exception {
    for (int d = 0; d < 20; d++) {
      Path dir = Files.createDirectories(context.resolve("mod" + d));
      for (int f = 0; f < 200; f++) Files.writeString(dir.resolve("f" + f + ".txt"), "v1 " + d + "/" + f + "\n");
    }
    try (Session session = openWatching()) {
      session.build(BuildOptions.defaults());
      events.drainNow();
      int changes = 0;
      for (int d = 0; d < 10; d++) { // 2,000 edits
        for (int f = 0; f < 200; f++, changes++) Files.writeString(context.resolve("mod" + d + "/f" + f + ".txt"), "v2 edited " + d + "/" + f + "\n");
      }
      for (int d = 10; d < 15; d++) { // 1,000 deletions, 5 directories gone
        Path dir = context.resolve("mod" + d);
        for (int f = 0; f < 200; f++, changes++) Files.delete(dir.resolve("f" + f + ".txt"));
        Files.delete(dir);
      }
      for (int d = 15; d < 20; d++, changes++) Files.move(context.resolve("mod" + d), context.resolve("renamed" + d)); // 1,000 files moved
      for (int d = 0; d < 10; d++) { // 1,000 new files in new nested directories
        Path dir = Files.createDirectories(context.resolve("new" + d + "/deep"));
        for (int f = 0; f < 100; f++, changes++) Files.writeString(dir.resolve("n" + f + ".txt"), "new " + d + "/" + f + "\n");
      }
      assertThat(changes).isGreaterThanOrEqualTo(4005);
      String expected = localDigest();
      SyncSummary settled = events.awaitSynced(s -> s.contextDigest().equals(expected), WAIT);
      assertThat(settled.trigger()).isEqualTo(Trigger.WATCH);
      BuildSummary build = session.build(BuildOptions.defaults());
      assertThat(build.sync().filesSent()).isZero();
      assertThat(build.contextDigest()).isEqualTo(expected);
      assertMaterializedEqualsSource(build);
    }
  }
}

