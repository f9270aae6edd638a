package dev.ctxd.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: the real WatchService behind the watcher, with its barrier instead of waiting. */
class ContextWatcherTest {
  @TempDir Path root;

  @Test
  void barrier_returnsOnlyOnceEarlierChangesAreRecorded() throws Exception {
    Files.createDirectories(root.resolve("src"));
    ChangeSet changes = new ChangeSet();
    AtomicInteger kicks = new AtomicInteger();
    List<String> degraded = new ArrayList<>();
    try (ContextWatcher w = new ContextWatcher(root, changes, kicks::incrementAndGet, degraded::add)) {
      w.register("");
      w.register("src");
      for (int round = 0; round < 20; round++) {
        Files.writeString(root.resolve("src/f" + round + ".txt"), "x");
        w.awaitQuiescence(Duration.ofSeconds(10));
        assertThat(changes.drain().paths()).as("round %d", round).contains("src/f" + round + ".txt");
      }
      Files.delete(root.resolve("src/f3.txt"));
      Files.writeString(root.resolve("top.txt"), "y");
      w.awaitQuiescence(Duration.ofSeconds(10));
      assertThat(changes.drain().paths()).contains("src/f3.txt", "top.txt");
      assertThat(kicks.get()).isPositive();
      assertThat(degraded).isEmpty();
    }
  }

  @Test
  void deletedWatchedDirectory_reportedAsAChangeInItsParent() throws Exception {
    Files.createDirectories(root.resolve("gone"));
    ChangeSet changes = new ChangeSet();
    try (ContextWatcher w = new ContextWatcher(root, changes, () -> {}, r -> {})) {
      w.register("");
      w.register("gone");
      assertThat(w.watchedDirectories()).isEqualTo(2);
      Files.delete(root.resolve("gone"));
      w.awaitQuiescence(Duration.ofSeconds(10));
      assertThat(changes.drain().paths()).contains("gone");
    }
  }

  @Test
  void manyEventsInOneDirectory_overflowMarksItsSubtree() throws Exception {
    ChangeSet changes = new ChangeSet();
    try (ContextWatcher w = new ContextWatcher(root, changes, () -> {}, r -> {})) {
      Files.createDirectories(root.resolve("big"));
      w.register("");
      w.register("big");
      // The JDK keeps at most 512 events per key before it signals OVERFLOW; the watcher
      // thread may drain in between, so either every name or the subtree must be recorded.
      for (int i = 0; i < 3000; i++) Files.writeString(root.resolve("big/f" + i), "x");
      w.awaitQuiescence(Duration.ofSeconds(20));
      ChangeSet.Changes c = changes.drain();
      boolean allNamed = true;
      for (int i = 0; i < 3000; i++) allNamed &= c.paths().contains("big/f" + i);
      assertThat(allNamed || c.subtrees().contains("big")).isTrue();
    }
  }
}
