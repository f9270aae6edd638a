package dev.ctxd.server;

import static dev.ctxd.server.Content.digest;
import static dev.ctxd.server.Content.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: a build writes only what differs from the version the copy holds, and the copy still matches the manifest exactly. */
class MaterializerDeltaTest {
  private static final String KEY = "host:/ctx";
  // More files than TreeTimes.PARALLEL_THRESHOLD, so the parallel path runs.
  private static final int FILES = 300;
  private static final long T0 = 1_600_000_000_123_456_789L;
  @TempDir Path temp;
  private CacheStore store;
  private Materializer materializer;

  @BeforeEach
  void setUp() throws Exception {
    store = CacheStore.open(temp.resolve("state/cache"));
    materializer = new Materializer(temp.resolve("state/contexts"), store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static Entry file(String path, String text, int mode, long mtime) {
    return Entry.file(RelPath.of(path), mode, utf8(text).length, mtime, 0, 0, digest(utf8(text)), List.of());
  }

  private Manifest tree(long mtime) throws Exception {
    List<Entry> entries = new ArrayList<>();
    entries.add(Entry.dir(RelPath.of("d"), 0750, mtime + 7, 0, 0));
    for (int i = 0; i < FILES; i++) {
      String text = "content " + i;
      store.putChunk(digest(utf8(text)), utf8(text), 0, utf8(text).length);
      entries.add(file("d/f" + i, text, i % 2 == 0 ? 0644 : 0755, mtime + i));
    }
    entries.add(Entry.hardlink(RelPath.of("d/h"), RelPath.of("d/f1"), 0755, T0, 0, 0)); // unchanged by a touch: not linked again
    return Manifest.of(entries);
  }

  private Materializer.Result build(Manifest m) throws Exception {
    long version = store.commit(KEY, m);
    return materializer.materialize(KEY, version, m, false);
  }

  private static long mtime(Path p) throws Exception {
    return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
  }

  private static Object ctime(Path p) throws Exception {
    return Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
  }

  private static void assertMatches(Path tree, Manifest m) throws Exception {
    for (Entry e : m.entries()) {
      Path p = tree.resolve(e.path().value());
      if (e.type() != dev.ctxd.core.EntryType.HARDLINK) {
        assertThat(mtime(p)).as("mtime of " + e.path()).isEqualTo(e.mtimeNanos());
        assertThat((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777).as("mode of " + e.path()).isEqualTo(e.mode());
      }
    }
  }

  @Test
  void buildOfTheVersionTheCopyHolds_writesNothing() throws Exception {
    Manifest m = tree(T0);
    Materializer.Result first = build(m);
    Path tree = first.directory();
    Object before = ctime(tree.resolve("d/f0"));
    Object dirBefore = ctime(tree.resolve("d"));
    Materializer.Result again = materializer.materialize(KEY, store.latestVersion(KEY), m, false);
    assertThat(again.written()).isZero();
    assertThat(again.removed()).isZero();
    assertThat(ctime(tree.resolve("d/f0"))).isEqualTo(before);
    assertThat(ctime(tree.resolve("d"))).isEqualTo(dirBefore);
    assertMatches(tree, m);
  }

  @Test
  void newTimesOnly_areSetExactly_andNoFileIsWritten() throws Exception {
    Path tree = build(tree(T0)).directory();
    Object inode = Files.getAttribute(tree.resolve("d/f5"), "unix:ino");
    Manifest touched = tree(T0 + 1_000_000_001L);
    Materializer.Result r = build(touched);
    assertThat(r.written()).isZero();
    assertThat(r.removed()).isZero();
    assertThat(Files.getAttribute(tree.resolve("d/f5"), "unix:ino")).isEqualTo(inode);
    assertMatches(tree, touched);
    assertThat(Files.getLastModifiedTime(tree.resolve("d/f5"), LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(FileTime.from(T0 + 1_000_000_001L + 5, TimeUnit.NANOSECONDS));
  }

  @Test
  void fileMissingFromTheCopy_isWrittenAgainWhenOnlyItsTimeChanged() throws Exception {
    Path tree = build(tree(T0)).directory();
    Files.delete(tree.resolve("d/f7"));
    Manifest touched = tree(T0 + 5);
    Materializer.Result r = build(touched);
    assertThat(r.written()).isEqualTo(1);
    assertThat(Files.readString(tree.resolve("d/f7"))).isEqualTo("content 7");
    assertMatches(tree, touched);
  }

  @Test
  void oneChangedFile_isTheOnlyOneWritten_andItsHardLinkFollows() throws Exception {
    Manifest m = tree(T0);
    Path tree = build(m).directory();
    Object untouched = ctime(tree.resolve("d/f2"));
    store.putChunk(digest(utf8("new")), utf8("new"), 0, 3);
    Manifest edited = ManifestDelta.of(List.of(file("d/f1", "new", 0755, T0 + 99)), List.of(RelPath.of("d/f3"))).applyTo(m);
    Materializer.Result r = build(edited);
    assertThat(r.written()).isEqualTo(2); // d/f1 and its hard link d/h
    assertThat(r.removed()).isEqualTo(1);
    assertThat(Files.readString(tree.resolve("d/h"))).isEqualTo("new");
    assertThat(Files.isSameFile(tree.resolve("d/f1"), tree.resolve("d/h"))).isTrue();
    assertThat(tree.resolve("d/f3")).doesNotExist();
    assertThat(ctime(tree.resolve("d/f2"))).isEqualTo(untouched);
    assertMatches(tree, edited);
  }
}
