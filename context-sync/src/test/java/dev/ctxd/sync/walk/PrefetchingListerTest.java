package dev.ctxd.sync.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.ignore.FilteredWalk;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: the walk lists directories ahead on other threads and still returns what a serial walk does. */
class PrefetchingListerTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /** A directory tree in memory: dir path → children; counts how often each dir is listed. */
  private static final class FakeLister implements DirectoryLister<String> {
    final Map<String, List<Child<String>>> dirs = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> listings = new ConcurrentHashMap<>();
    final Map<String, IOException> failures = new ConcurrentHashMap<>();

    FakeLister dir(String path, String... children) {
      List<Child<String>> list = new ArrayList<>();
      for (String c : children) list.add(new Child<>(c.replace("/", ""), c.endsWith("/"), path + ":" + c));
      dirs.put(path, list);
      return this;
    }

    @Override
    public List<Child<String>> list(String dirRelPath) throws IOException {
      listings.computeIfAbsent(dirRelPath, k -> new AtomicInteger()).incrementAndGet();
      IOException failure = failures.get(dirRelPath);
      if (failure != null) throw failure;
      return dirs.getOrDefault(dirRelPath, List.of());
    }
  }

  private static List<String> walk(DirectoryLister<String> lister, ContextFilter filter) throws Exception {
    List<String> visited = new ArrayList<>();
    FilteredWalk.walk(lister, filter, (path, directory, attributes) -> visited.add(path + "=" + attributes));
    return visited;
  }

  @Test
  void walk_prefetching_visitsWhatTheSerialWalkVisits_listingEachDirectoryOnce() throws Exception {
    FakeLister fake = new FakeLister().dir("", "b/", "a/", "z.txt").dir("a", "x/", "f1").dir("a/x", "deep").dir("b", "f2", "c/");
    ContextFilter none = ContextFilter.of(List.of(), List.of());
    List<String> serial = walk(fake, none);
    fake.listings.clear();

    List<String> prefetched = walk(new PrefetchingLister<>(fake, pool), none);

    assertThat(prefetched).isEqualTo(serial).containsExactly("a=:a/", "a/f1=a:f1", "a/x=a:x/", "a/x/deep=a/x:deep",
        "b=:b/", "b/c=b:c/", "b/f2=b:f2", "z.txt=:z.txt");
    assertThat(fake.listings.keySet()).containsExactlyInAnyOrder("", "a", "a/x", "b", "b/c");
    assertThat(fake.listings.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void walk_prunedDirectory_isListedAtMostOnce_andItsSubtreeNever() throws Exception {
    FakeLister fake = new FakeLister().dir("", ".git/", "src/").dir(".git", "objects/").dir(".git/objects", "pack/").dir("src", "main.c");

    List<String> visited = walk(new PrefetchingLister<>(fake, pool), ContextFilter.of(List.of(".git"), List.of()));

    assertThat(visited).containsExactly("src=:src/", "src/main.c=src:main.c");
    assertThat(fake.listings).doesNotContainKey(".git/objects");
  }

  @Test
  void list_directoryThatFailsToList_throwsTheDelegatesException() throws Exception {
    FakeLister fake = new FakeLister().dir("", "locked/", "ok/");
    fake.failures.put("locked", new AccessDeniedException("/ctx/locked"));
    PrefetchingLister<String> lister = new PrefetchingLister<>(fake, pool);
    lister.list("");

    assertThatThrownBy(() -> lister.list("locked")).isInstanceOf(AccessDeniedException.class).hasMessage("/ctx/locked");
    assertThat(lister.list("ok")).isEmpty();
  }

  @Test
  void treeWalker_withPrefetch_returnsTheSameEntriesAsWithout(@TempDir Path root) throws Exception {
    for (int d = 0; d < 30; d++) {
      Path dir = Files.createDirectories(root.resolve("d" + d % 3).resolve("e" + d));
      for (int f = 0; f < 5; f++) Files.writeString(dir.resolve("f" + f), "x".repeat(d + f));
    }
    Files.createSymbolicLink(root.resolve("link"), Path.of("d0"));
    Files.createLink(root.resolve("hard"), root.resolve("d0/e0/f0"));
    ContextFilter filter = ContextFilter.of(List.of("d1/e4"), List.of());

    List<WalkedEntry> serial = TreeWalker.walk(root, filter, WalkListener.NONE);
    List<WalkedEntry> prefetched = TreeWalker.walk(root, filter, WalkListener.NONE, pool);

    assertThat(prefetched).isEqualTo(serial).hasSize(1 + 3 + 30 - 1 + 29 * 5 + 1);
    assertThat(prefetched).extracting(e -> e.path().value()).doesNotContain("d1/e4", "d1/e4/f0").contains("link", "hard");
  }
}
