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
import java.util.List;
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
    byte[] middle = java.util.Arrays.copyOfRange(buffer, 10, 60);
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
        .satisfies(e -> assertThat(((MissingContentException) e).missing()).containsExactly(java.util.Map.entry(digestOf(b), RelPath.of("b.txt"))));
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
    assertThat(a.latestVersion()).isEqualTo(2);
    assertThat(a.created()).isEqualTo(T0);
    assertThat(a.lastUsed()).isEqualTo(later);
    assertThat(a.usageCount()).isEqualTo(3);
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
}
