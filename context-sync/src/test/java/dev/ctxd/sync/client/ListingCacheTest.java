package dev.ctxd.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import dev.ctxd.sync.walk.WalkedEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: the watcher's listing cache, driven by hand-fed change batches (no WatchService):
 * after every kind of change, a walk over the cache equals a cold walk of the disk, and the
 * set of watched directories follows the tree.
 */
class ListingCacheTest {
  @TempDir Path root;
  private final Watches watches = new Watches();
  private ListingCache cache;
  private ContextFilter filter;

  /** Records registrations and cancellations, as the watcher would make them. */
  static final class Watches implements ListingCache.Watches {
    final Set<String> watched = new TreeSet<>();
    final List<String> cancelled = new ArrayList<>();

    @Override
    public void register(String dir) {
      watched.add(dir);
    }

    @Override
    public void cancel(Set<String> dirs) {
      watched.removeAll(dirs);
      cancelled.addAll(dirs);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    write("src/a/one.txt", "1");
    write("src/a/two.txt", "2");
    write("src/main.c", "int main;");
    write("node_modules/pkg/index.js", "ignored");
    write("README", "readme");
    filter = ContextFilter.of(List.of("node_modules"), List.of());
    cache = new ListingCache(root, watches);
  }

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private List<WalkedEntry> cachedWalk() throws Exception {
    cache.beginWalk();
    List<WalkedEntry> walked = TreeWalker.walk(root, cache, filter, WalkListener.NONE);
    cache.endWalk();
    return walked;
  }

  private void assertCacheMatchesDisk() throws Exception {
    assertThat(cachedWalk()).isEqualTo(TreeWalker.walk(root, filter, WalkListener.NONE));
  }

  private static ChangeSet.Changes paths(String... paths) {
    return new ChangeSet.Changes(Set.of(paths), Set.of());
  }

  @Test
  void firstWalk_listsAndWatchesEveryDirectoryTheWalkEnters_notPrunedOnes() throws Exception {
    assertCacheMatchesDisk();
    assertThat(watches.watched).containsExactly("", "src", "src/a");
    assertThat(cache.diskListings()).isEqualTo(3);
  }

  @Test
  void oneEditedFile_isRestatted_noDirectoryReadAgain() throws Exception {
    cachedWalk();
    long listings = cache.diskListings();
    write("src/a/one.txt", "edited, and longer");
    cache.apply(paths("src/a/one.txt"));
    assertCacheMatchesDisk();
    assertThat(cache.diskListings()).isEqualTo(listings);
  }

  @Test
  void withoutAnEvent_theCacheKeepsTheOldStat() throws Exception {
    // Shows the cache is really used: what the watcher does not report, the walk does not see.
    cachedWalk();
    write("src/a/one.txt", "edited, and longer");
    assertThat(cachedWalk()).isNotEqualTo(TreeWalker.walk(root, filter, WalkListener.NONE));
  }

  @Test
  void newDirectoryTree_isListedAndWatched() throws Exception {
    cachedWalk();
    write("src/new/deep/file.txt", "new");
    write("src/new/top.txt", "top");
    cache.apply(paths("src/new"));
    assertCacheMatchesDisk();
    assertThat(watches.watched).contains("src/new", "src/new/deep");
  }

  @Test
  void deletedDirectory_isForgottenAndUnwatched() throws Exception {
    cachedWalk();
    Files.delete(root.resolve("src/a/one.txt"));
    Files.delete(root.resolve("src/a/two.txt"));
    Files.delete(root.resolve("src/a"));
    cache.apply(paths("src/a"));
    assertCacheMatchesDisk();
    assertThat(watches.cancelled).containsExactly("src/a");
    assertThat(watches.watched).containsExactly("", "src");
  }

  @Test
  void renamedDirectory_oldNameUnwatched_newNameListedAndWatched() throws Exception {
    cachedWalk();
    Files.move(root.resolve("src/a"), root.resolve("src/b"));
    cache.apply(paths("src/a", "src/b"));
    assertCacheMatchesDisk();
    assertThat(watches.cancelled).containsExactly("src/a");
    assertThat(watches.watched).containsExactly("", "src", "src/b");
  }

  @Test
  void directoryReplacedByFile_subtreeDropped() throws Exception {
    cachedWalk();
    Files.delete(root.resolve("src/a/one.txt"));
    Files.delete(root.resolve("src/a/two.txt"));
    Files.delete(root.resolve("src/a"));
    write("src/a", "now a file");
    cache.apply(paths("src/a"));
    assertCacheMatchesDisk();
    assertThat(watches.watched).doesNotContain("src/a");
  }

  @Test
  void overflow_relistsTheAffectedSubtreeOnly() throws Exception {
    cachedWalk();
    long listings = cache.diskListings();
    for (int i = 0; i < 50; i++) write("src/a/gen" + i + ".txt", "n" + i); // events lost
    write("src/a/one.txt", "changed too");
    cache.apply(new ChangeSet.Changes(Set.of(), Set.of("src/a")));
    assertCacheMatchesDisk();
    assertThat(cache.diskListings()).isEqualTo(listings + 1);
  }

  @Test
  void filterChange_newlyPrunedDirectoryIsUnwatched_newlyKeptOneWatched() throws Exception {
    cachedWalk();
    filter = ContextFilter.of(List.of("src"), List.of());
    assertCacheMatchesDisk();
    assertThat(watches.watched).containsExactly("", "node_modules", "node_modules/pkg");
    assertThat(watches.cancelled).containsExactlyInAnyOrder("src", "src/a");
  }

  @Test
  void distrusted_readsTheDiskEveryTime() throws Exception {
    cachedWalk();
    cache.distrust();
    write("src/a/one.txt", "edited without an event");
    assertCacheMatchesDisk();
  }
}
