package dev.ctxd.server;

import static dev.ctxd.server.Content.dir;
import static dev.ctxd.server.Content.file;
import static dev.ctxd.server.Content.manifest;
import static dev.ctxd.server.Content.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Manifest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: the materialized copy never writes outside its directory, whatever links the context has. */
class MaterializerTest {
  private static final String KEY = "host:/ctx";
  @TempDir Path temp;
  private CacheStore store;
  private Materializer materializer;
  private Path outside;
  private long version;

  @BeforeEach
  void setUp() throws Exception {
    store = CacheStore.open(temp.resolve("state/cache"));
    materializer = new Materializer(temp.resolve("state/contexts"), store);
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "untouched");
    Content.store(store, "one", "two", "evil");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Path build(Manifest m) throws Exception {
    version = store.commit(KEY, m);
    return materializer.materialize(KEY, version, m, false).directory();
  }

  private void assertOutsideUntouched() throws Exception {
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("victim");
    }
    assertThat(Files.readString(outside.resolve("victim"))).isEqualTo("untouched");
    try (Stream<Path> s = Files.list(temp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state", "outside");
    }
  }

  @Test
  void symlinkUpAndOut_isCreatedNotFollowed() throws Exception {
    Path tree = build(manifest(symlink("up", "../../../.."), symlink("abs", outside.toString()), file("f", "one")));
    assertThat(Files.readSymbolicLink(tree.resolve("up")).toString()).isEqualTo("../../../..");
    assertThat(Files.readSymbolicLink(tree.resolve("abs"))).isEqualTo(outside);
    assertThat(Files.readString(tree.resolve("f"))).isEqualTo("one");
    assertOutsideUntouched();
  }

  @Test
  void symlinkAtATempFileName_isNeverOpened() throws Exception {
    // Issue 5 regression: the temp file used to be ".ctxd-tmp-<name>", opened following links.
    Path tree = build(manifest(symlink(".ctxd-tmp-f", outside.resolve("victim").toString()), file("f", "evil")));
    assertThat(Files.readString(tree.resolve("f"))).isEqualTo("evil");
    assertThat(Files.isSymbolicLink(tree.resolve(".ctxd-tmp-f"))).isTrue();
    assertOutsideUntouched();
  }

  @Test
  void dirReplacedBySymlinkAndBack_staysInside() throws Exception {
    Path tree = build(manifest(dir("a"), file("a/x", "one")));
    build(manifest(symlink("a", outside.toString())));
    assertThat(Files.readSymbolicLink(tree.resolve("a"))).isEqualTo(outside);
    assertOutsideUntouched();
    build(manifest(dir("a"), file("a/x", "two"), file("a/victim", "evil")));
    assertThat(Files.isDirectory(tree.resolve("a"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(tree.resolve("a/victim"))).isEqualTo("evil");
    assertOutsideUntouched();
  }

  @Test
  void ancestorSwappedForSymlinkOnDisk_refused() throws Exception {
    Path tree = build(manifest(dir("a"), dir("a/b"), file("a/b/x", "one")));
    // The copy drifts from its marker: a/ becomes a link to a look-alike tree outside.
    Files.createDirectories(outside.resolve("b"));
    try (Stream<Path> s = Files.walk(tree.resolve("a")).sorted(java.util.Comparator.reverseOrder())) {
      for (Path p : s.toList()) Files.delete(p);
    }
    Files.createSymbolicLink(tree.resolve("a"), outside);
    Manifest next = manifest(dir("a"), dir("a/b"), file("a/b/x", "one"), file("a/b/victim", "evil"));
    long v = store.commit(KEY, next);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> materializer.materialize(KEY, v, next, false)))
        .hasMessage("refusing to write under " + tree.resolve("a") + ": not a real directory inside the materialized copy");
    assertThat(outside.resolve("b/victim")).doesNotExist();
    // A later build rewrites the copy from scratch (the marker was removed before the failed change).
    Path again = materializer.materialize(KEY, v, next, false).directory();
    assertThat(Files.readString(again.resolve("a/b/victim"))).isEqualTo("evil");
    assertThat(Files.isSymbolicLink(again.resolve("a"))).isFalse();
    assertThat(outside.resolve("b/victim")).doesNotExist();
  }

  @Test
  void readOnlyDirectory_getsNewChildrenAndKeepsItsMode() throws Exception {
    Path tree = build(manifest(dir("ro", 0555), file("ro/x", "one")));
    assertThat(mode(tree.resolve("ro"))).isEqualTo(0555);
    build(manifest(dir("ro", 0555), file("ro/y", "two")));
    assertThat(Files.readString(tree.resolve("ro/y"))).isEqualTo("two");
    assertThat(tree.resolve("ro/x")).doesNotExist();
    assertThat(mode(tree.resolve("ro"))).isEqualTo(0555);
  }

  @Test
  void hardlink_sharesTheFile() throws Exception {
    Path tree = build(manifest(file("f", "one"), dev.ctxd.core.Entry.hardlink(dev.ctxd.core.RelPath.of("h"), dev.ctxd.core.RelPath.of("f"), 0644, 0, 0, 0)));
    assertThat(Files.isSameFile(tree.resolve("f"), tree.resolve("h"))).isTrue();
    assertThat(Files.readString(tree.resolve("h"))).isEqualTo("one");
  }

  @Test
  void noTempFilesLeftBehind() throws Exception {
    Path tree = build(manifest(dir("d"), file("d/a", "one"), file("b", "two")));
    try (Stream<Path> s = Files.walk(tree)) {
      assertThat(s.map(p -> tree.relativize(p).toString())).containsExactlyInAnyOrder("", "d", "d/a", "b");
    }
    assertThat(List.of(Files.readString(tree.resolve("d/a")), Files.readString(tree.resolve("b")))).containsExactly("one", "two");
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
