package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static dev.ctxd.cache.TestManifests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {
  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

  @TempDir Path dir;
  private CacheStore store;

  @BeforeEach
  void open() throws Exception {
    store = CacheStore.open(dir, CacheStoreOptions.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Digest put(byte[] content) throws Exception {
    Digest d = digestOf(content);
    store.putChunk(d, content, 0, content.length);
    return d;
  }

  @Test
  void findMissing_emptyStore_returnsAllInOrderWithoutDuplicates() throws Exception {
    Digest a = new Digest(1);
    Digest b = new Digest(2);
    assertThat(store.findMissing(List.of(b, a, b))).containsExactly(b, a);
  }

  @Test
  void putChunk_thenFindMissingAndGet() throws Exception {
    byte[] small = "hello".getBytes();
    byte[] large = bytes(1 << 20, 7);
    Digest ds = put(small);
    Digest dl = put(large);
    Digest absent = new Digest(42);
    assertThat(store.findMissing(List.of(ds, absent, dl))).containsExactly(absent);
    assertThat(store.getChunk(ds)).isEqualTo(small);
    assertThat(store.getChunk(dl)).isEqualTo(large);
  }

  @Test
  void putChunks_honoursOffsetAndLength() throws Exception {
    byte[] buffer = bytes(100, 3);
    byte[] middle = Arrays.copyOfRange(buffer, 10, 60);
    byte[] whole = bytes(5000, 4);
    store.putChunks(List.of(new ChunkWrite(digestOf(middle), buffer, 10, 50), ChunkWrite.of(digestOf(whole), whole)));
    assertThat(store.getChunk(digestOf(middle))).isEqualTo(middle);
    assertThat(store.getChunk(digestOf(whole))).isEqualTo(whole);
  }

  @Test
  void getChunk_absent_throwsBlobNotFound() {
    assertThatThrownBy(() -> store.getChunk(new Digest(0xabcL)))
        .isInstanceOf(BlobNotFoundException.class)
        .hasMessage("chunk xxh64:0000000000000abc not found in " + dir)
        .satisfies(e -> assertThat(((BlobNotFoundException) e).digest()).isEqualTo(new Digest(0xabcL)));
  }

  @Test
  void commit_missingChunk_keepsPreviousVersion() throws Exception {
    byte[] a = "a".getBytes();
    put(a);
    Manifest v1 = TestManifests.of(file("a.txt", a));
    assertThat(store.commit("ctx", v1)).isEqualTo(1);
    byte[] b = "b".getBytes();
    Manifest v2 = TestManifests.of(file("a.txt", a), file("b.txt", b), file("c.txt", b));

    assertThatThrownBy(() -> store.commit("ctx", v2))
        .isInstanceOf(MissingContentException.class)
        .hasMessage("commit of context 'ctx' refused: 1 chunk(s) missing: " + digestOf(b) + " (b.txt)")
        .satisfies(e -> assertThat(((MissingContentException) e).missing()).containsExactly(Map.entry(digestOf(b), RelPath.of("b.txt"))));
    assertThat(store.latestVersion("ctx")).isEqualTo(1);
    assertThat(store.manifest("ctx", 1)).isEqualTo(v1);
  }

  @Test
  void commit_manyMissing_listsTenAndCountsAll() throws Exception {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) entries.add(file("f" + i, ("x" + i).getBytes()));
    Manifest m = TestManifests.of(entries.toArray(Entry[]::new));
    assertThatThrownBy(() -> store.commit("ctx", m))
        .isInstanceOf(MissingContentException.class)
        .hasMessageEndingWith(" and 2 more")
        .satisfies(e -> assertThat(((MissingContentException) e).missingCount()).isEqualTo(12))
        .satisfies(e -> assertThat(((MissingContentException) e).missing()).hasSize(10));
    assertThat(store.latestVersion("ctx")).isZero();
  }

  @Test
  void commit_multiChunkFile_needsEveryChunk() throws Exception {
    byte[] c1 = bytes(1 << 20, 1);
    byte[] c2 = bytes(10, 2);
    Digest d1 = put(c1);
    Digest d2 = digestOf(c2);
    Entry big = Entry.file(RelPath.of("big"), 0644, c1.length + c2.length, 0, 0, 0, new Digest(99), List.of(d1, d2));
    Manifest m = TestManifests.of(big);
    assertThatThrownBy(() -> store.commit("ctx", m)).isInstanceOf(MissingContentException.class).hasMessageContaining(d2 + " (big)");
    put(c2);
    assertThat(store.commit("ctx", m)).isEqualTo(1);
  }

  @Test
  void commit_versionsIncrement_andOldOnesArePruned() throws Exception {
    byte[] a = "a".getBytes();
    put(a);
    List<Manifest> versions = new ArrayList<>();
    for (int v = 1; v <= 4; v++) {
      Manifest m = TestManifests.of(file("v" + v, a));
      versions.add(m);
      assertThat(store.commit("ctx", m)).isEqualTo(v);
    }
    assertThat(store.latestVersion("ctx")).isEqualTo(4);
    assertThat(store.manifest("ctx", 4)).isEqualTo(versions.get(3));
    assertThat(store.manifest("ctx", 3)).isEqualTo(versions.get(2));
    for (long pruned = 1; pruned <= 2; pruned++) {
      long v = pruned;
      assertThatThrownBy(() -> store.manifest("ctx", v))
          .isInstanceOf(ManifestNotFoundException.class)
          .hasMessage("manifest version " + v + " of context 'ctx' not found: pruned (the store keeps the last 2 versions)");
    }
    assertThatThrownBy(() -> store.manifest("ctx", 5)).hasMessageEndingWith("not found: latest is 4");
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void commit_keepVersionsOption_keepsMore() throws Exception {
    store.close();
    store = CacheStore.open(dir, CacheStoreOptions.defaults().withKeepVersions(3));
    for (int v = 1; v <= 4; v++) store.commit("ctx", TestManifests.of(Entry.dir(RelPath.of("d" + v), 0755, 0, 0, 0)));
    assertThat(store.manifest("ctx", 2).entries()).extracting(Entry::path).containsExactly(RelPath.of("d2"));
    assertThatThrownBy(() -> store.manifest("ctx", 1)).isInstanceOf(ManifestNotFoundException.class);
  }

  @Test
  void contexts_and_touch_trackUsage() throws Exception {
    store.commit("b-ctx", Manifest.empty());
    store.commit("a-ctx", Manifest.empty());
    store.commit("a-ctx", Manifest.empty());
    store.close();
    Instant later = T0.plusSeconds(60);
    store = CacheStore.open(dir, CacheStoreOptions.defaults().withClock(Clock.fixed(later, ZoneOffset.UTC)));
    store.touch("a-ctx");

    List<ContextRecord> all = store.contexts();
    assertThat(all).extracting(ContextRecord::key).containsExactly("a-ctx", "b-ctx");
    ContextRecord a = all.get(0);
    assertThat(a.id()).isEqualTo(store.contextId("a-ctx"));
    assertThat(a.latestVersion()).as("the same tree committed again keeps its version").isEqualTo(1);
    assertThat(a.created()).isEqualTo(T0);
    assertThat(a.lastUsed()).isEqualTo(later);
    assertThat(a.usageCount()).as("commits are not uses; the touch (a build) is").isEqualTo(1);
    assertThat(all.get(1).usageCount()).isZero();
    store.refresh("a-ctx");
    assertThat(store.contexts().get(0).usageCount()).as("a refresh sets last used only").isEqualTo(1);
    assertThatThrownBy(() -> store.refresh("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("no such context");
    assertThat(a.manifestBytes()).isPositive();
    assertThatThrownBy(() -> store.touch("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("no such context");
  }

  @Test
  void contextId_isStableTwelveHex() {
    assertThat(store.contextId("ctx")).isEqualTo(ContextId.of("ctx"));
    assertThat(store.contextId("ctx").hex()).hasSize(12).matches("[0-9a-f]{12}");
    assertThat(store.contextId("ctx")).isNotEqualTo(store.contextId("ctx2"));
    assertThatThrownBy(() -> store.contextId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContextId("XYZ")).isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void reopen_afterClose_keepsEverything_andStoreId() throws Exception {
    String id = store.storeId();
    assertThat(id).matches("[0-9a-f]{32}");
    byte[] a = bytes(70_000, 5);
    put(a);
    Manifest m = TestManifests.of(file("a", a));
    store.commit("ctx", m);
    store.close();
    store = CacheStore.open(dir);
    assertThat(store.storeId()).isEqualTo(id);
    assertThat(store.getChunk(digestOf(a))).isEqualTo(a);
    assertThat(store.manifest("ctx", 1)).isEqualTo(m);
    assertThat(store.latestVersion("ctx")).isEqualTo(1);
  }

  @Test
  void open_newDirectory_getsNewStoreId(@TempDir Path other) throws Exception {
    try (CacheStore second = CacheStore.open(other.resolve("nested/root"))) {
      assertThat(second.storeId()).isNotEqualTo(store.storeId());
    }
  }

  @Test
  void open_whileOpen_namesLockAndLikelyCause() {
    assertThatThrownBy(() -> CacheStore.open(dir))
        .isInstanceOf(CacheStoreException.class)
        .hasMessage("open cache store in " + dir + ": lock held by another process (is another ctx daemon running on this --root?)");
  }

  @Test
  void openReadOnly_readsButCannotWrite() throws Exception {
    byte[] a = "a".getBytes();
    put(a);
    store.commit("ctx", TestManifests.of(file("a", a)));
    // A read-only open works while the daemon holds the store, as `ctx system df` needs.
    try (CacheStore ro = CacheStore.openReadOnly(dir)) {
      assertThat(ro.storeId()).isEqualTo(store.storeId());
      assertThat(ro.getChunk(digestOf(a))).isEqualTo(a);
      assertThat(ro.latestVersion("ctx")).isEqualTo(1);
      assertThat(ro.check().isConsistent()).isTrue();
      assertThatThrownBy(() -> ro.putChunk(new Digest(1), a, 0, 1))
          .isInstanceOf(CacheStoreException.class)
          .hasMessage("put chunks in " + dir + ": store is open read-only");
      assertThatThrownBy(() -> ro.commit("ctx", Manifest.empty())).hasMessageEndingWith(": store is open read-only");
      assertThatThrownBy(() -> ro.touch("ctx")).hasMessageEndingWith(": store is open read-only");
    }
  }

  @Test
  void openReadOnly_noStore_saysSo(@TempDir Path empty) {
    assertThatThrownBy(() -> CacheStore.openReadOnly(empty))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("open cache store read-only in " + empty + ": no store there (wrong --root?)");
    assertThat(empty).isEmptyDirectory();
  }

  @Test
  void close_isIdempotent_andLaterCallsFail() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.findMissing(List.of(new Digest(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cache store in " + dir + " is closed");
  }

  @Test
  void commit_concurrentOnOneKey_givesDistinctVersions() throws Exception {
    int threads = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          List<Long> got = new ArrayList<>();
          // a different tree each time: committing the same tree again keeps its version
          for (int i = 0; i < each; i++) {
            Manifest tree = Manifest.of(List.of(dev.ctxd.core.Entry.dir(new dev.ctxd.core.RelPath("d-" + thread + "-" + i), 0755, 0, 0, 0)));
            got.add(store.commit("shared", tree));
          }
          return got;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) all.addAll(f.get(60, TimeUnit.SECONDS));
      assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
      assertThat(store.latestVersion("shared")).isEqualTo(threads * each);
      assertThat(store.contexts().get(0).usageCount()).as("commits are not uses").isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
