package dev.ctxd.server;

import static dev.ctxd.server.Content.digest;
import static dev.ctxd.server.Content.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the materializer writes an entry gives it the manifest's mtime exactly, and a file
 * or symlink the same atime: a file written from scratch, a file rewritten through a temp
 * name, a symlink (created or re-created) and a directory. The JDK's setTimes turns a time
 * less than a second before 1970 into 0, which a fresh copy's files got while re-timed files
 * were exact.
 */
class MaterializedTimesTest {
  private static final String KEY = "host:/times";
  @TempDir Path temp;
  private CacheStore store;
  private Materializer materializer;

  @BeforeEach
  void setUp() throws Exception {
    store = CacheStore.open(temp.resolve("state/cache"));
    materializer = new Materializer(temp.resolve("state/contexts"), store);
    Content.store(store, "first", "second");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Path build(Manifest m) throws Exception {
    long version = store.commit(KEY, m);
    return materializer.materialize(KEY, version, m, false).directory();
  }

  private static Entry file(String path, String text, long mtime) {
    return Entry.file(RelPath.of(path), 0644, utf8(text).length, mtime, 0, 0, digest(utf8(text)), List.of());
  }

  private static BasicFileAttributes stat(Path p) throws Exception {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static void assertTimes(Path p, long mtime, boolean atimeToo) throws Exception {
    BasicFileAttributes a = stat(p);
    assertThat(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)).as("mtime of %s", p.getFileName()).isEqualTo(mtime);
    if (atimeToo) assertThat(a.lastAccessTime().to(TimeUnit.NANOSECONDS)).as("atime of %s", p.getFileName()).isEqualTo(mtime);
  }

  @ParameterizedTest
  @ValueSource(longs = {
      -315_619_199_500_000_000L, // 1960-01-01T00:00:00.5Z
      -1L, // a nanosecond before 1970
      -999_999_999L,
      -1_000_000_000L, // a whole second before 1970
      1_600_000_000_123_456_789L,
  })
  void freshCopyAndRewrites_keepEveryTimeExactly(long mtime) throws Exception {
    long later = mtime + 7;
    Path tree = build(Manifest.of(List.of(
        Entry.dir(RelPath.of("d"), 0755, mtime, 0, 0),
        file("d/f", "first", mtime),
        Entry.symlink(RelPath.of("d/l"), "f", mtime, 0, 0))));
    assertTimes(tree.resolve("d/f"), mtime, true);
    assertTimes(tree.resolve("d/l"), mtime, true);
    assertTimes(tree.resolve("d"), mtime, false);

    // New content (rewritten through a temp name), a new link target, new times everywhere.
    build(Manifest.of(List.of(
        Entry.dir(RelPath.of("d"), 0755, later, 0, 0),
        file("d/f", "second", later),
        Entry.symlink(RelPath.of("d/l"), "g", later, 0, 0))));
    assertTimes(tree.resolve("d/f"), later, true); // before reading it: a read may move its atime
    assertTimes(tree.resolve("d/l"), later, true);
    assertTimes(tree.resolve("d"), later, false);
    assertThat(Files.readString(tree.resolve("d/f"))).isEqualTo("second");
    assertThat(Files.readSymbolicLink(tree.resolve("d/l")).toString()).isEqualTo("g");
  }
}
