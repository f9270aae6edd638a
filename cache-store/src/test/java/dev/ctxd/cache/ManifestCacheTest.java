package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static dev.ctxd.cache.TestManifests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: decoded manifests are served from memory, and never once the store no longer holds them. */
class ManifestCacheTest {
  private static final String KEY = "ctx";
  @TempDir Path dir;
  private CacheStore store;
  private final List<List<Digest>> checked = new ArrayList<>();
  private final CacheStore.ChunkCheck recordingCheck = chunks -> checked.add(new ArrayList<>(chunks));

  @BeforeEach
  void open() throws Exception {
    store = CacheStore.open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Entry stored(String path, byte[] content) throws Exception {
    store.putChunk(digestOf(content), content, 0, content.length);
    return file(path, content);
  }

  @Test
  void committedManifest_isServedAsTheSameObject() throws Exception {
    Manifest m = TestManifests.of(stored("a", bytes(100, 1)));
    long v = store.commit(KEY, m, null, 0, m.entries(), recordingCheck);
    assertThat(store.manifest(KEY, v)).isSameAs(m);
    assertThat(store.committedAndRetained(KEY, v, m)).isTrue();
  }

  @Test
  void versionPushedOutByRetention_isNotServed() throws Exception {
    Manifest v1 = TestManifests.of(stored("a", bytes(100, 1)));
    store.commit(KEY, v1);
    assertThat(store.manifest(KEY, 1)).isSameAs(v1);
    store.commit(KEY, TestManifests.of(stored("a", bytes(100, 2))));
    store.commit(KEY, TestManifests.of(stored("a", bytes(100, 3))));
    assertThatThrownBy(() -> store.manifest(KEY, 1)).isInstanceOf(ManifestNotFoundException.class)
        .hasMessageContaining("pruned (the store keeps the last 2 versions)");
    assertThat(store.committedAndRetained(KEY, 1, v1)).isFalse();
  }

  @Test
  void removedContext_isNotServed_andOneMadeAgainUnderItsKeyIsItsOwn() throws Exception {
    Manifest old = TestManifests.of(stored("a", bytes(100, 1)));
    store.commit(KEY, old);
    assertThat(store.manifest(KEY, 1)).isSameAs(old);
    StoreUsage u = store.usage();
    Removal r = store.remove(new Removal.Request(u, List.of(KEY), u.chunks().keySet()));
    assertThat(r.contexts()).containsExactly(KEY);
    assertThatThrownBy(() -> store.manifest(KEY, 1)).isInstanceOf(ManifestNotFoundException.class);
    Manifest again = TestManifests.of(stored("b", bytes(50, 9)));
    assertThat(store.commit(KEY, again)).isEqualTo(1);
    assertThat(store.manifest(KEY, 1)).isEqualTo(again).isNotEqualTo(old);
    assertThat(store.committedAndRetained(KEY, 1, old)).isFalse();
  }

  @Test
  void manifestOverwrittenBehindTheStoresBack_isReadAgain() throws Exception {
    Manifest m = TestManifests.of(stored("a", bytes(100, 1)));
    store.commit(KEY, m);
    assertThat(store.manifest(KEY, 1)).isSameAs(m);
    store.rawPut(Column.MANIFESTS, Keys.manifest(store.contextId(KEY), 1), new byte[] {9});
    assertThatThrownBy(() -> store.manifest(KEY, 1)).isInstanceOf(CorruptStoreException.class).hasMessageContaining("has format 9");
  }

  @Test
  void manifestReadFromDisk_isCachedButNotTakenAsChecked() throws Exception {
    Manifest m = TestManifests.of(stored("a", bytes(100, 1)));
    store.commit(KEY, m, null, 0, m.entries(), recordingCheck);
    store.close();
    store = CacheStore.open(dir);
    Manifest read = store.manifest(KEY, 1);
    assertThat(read).isEqualTo(m).isNotSameAs(m);
    assertThat(store.manifest(KEY, 1)).isSameAs(read);
    assertThat(store.committedAndRetained(KEY, 1, read)).isFalse();
  }

  @Test
  void deltaOverACheckedBase_checksOnlyTheUpsertsChunks() throws Exception {
    Entry a = stored("a", bytes(100, 1));
    Entry b = stored("b", bytes(100, 2));
    Manifest base = TestManifests.of(a, b);
    store.commit(KEY, base, null, 0, base.entries(), recordingCheck);
    Entry c = stored("c", bytes(100, 3));
    Manifest next = ManifestDelta.of(List.of(c), List.of()).applyTo(base);
    long v = store.commit(KEY, next, base, 1, List.of(c), recordingCheck);
    assertThat(v).isEqualTo(2);
    assertThat(checked).containsExactly(List.of(a.digest(), b.digest()), List.of(c.digest()));
    assertThat(store.manifest(KEY, 2)).isSameAs(next);
  }

  @Test
  void deltaOverABaseReadFromDisk_checksEveryChunk() throws Exception {
    Entry a = stored("a", bytes(100, 1));
    store.commit(KEY, TestManifests.of(a));
    store.close();
    store = CacheStore.open(dir);
    Manifest base = store.manifest(KEY, 1);
    Entry c = stored("c", bytes(100, 3));
    store.commit(KEY, ManifestDelta.of(List.of(c), List.of()).applyTo(base), base, 1, List.of(c), recordingCheck);
    assertThat(checked).containsExactly(List.of(a.digest(), c.digest()));
  }

  @Test
  void deltaOverABaseNoLongerRetained_checksEveryChunk_andRefusesWhatIsGone() throws Exception {
    Entry a = stored("a", bytes(100, 1));
    Manifest base = TestManifests.of(a);
    store.commit(KEY, base, null, 0, base.entries(), recordingCheck);
    store.commit(KEY, TestManifests.of(stored("x", bytes(10, 5))));
    store.commit(KEY, TestManifests.of(stored("y", bytes(10, 6)))); // version 1 is pushed out
    StoreUsage u = store.usage();
    store.remove(new Removal.Request(u, List.of(), u.chunks().keySet())); // a's chunk is no longer referenced
    Entry c = stored("c", bytes(100, 3));
    Manifest next = ManifestDelta.of(List.of(c), List.of()).applyTo(base);
    assertThatThrownBy(() -> store.commit(KEY, next, base, 1, List.of(c), recordingCheck))
        .isInstanceOf(MissingContentException.class).hasMessageContaining(a.digest().toString());
    assertThat(store.latestVersion(KEY)).isEqualTo(3);
  }

  @Test
  void failingCheck_commitsNothing() throws Exception {
    Manifest m = TestManifests.of(stored("a", bytes(100, 1)));
    assertThatThrownBy(() -> store.commit(KEY, m, null, 0, m.entries(), chunks -> {
      throw new CacheStoreException("refused " + chunks.size());
    })).hasMessage("refused 1");
    assertThat(store.latestVersion(KEY)).isZero();
  }
}
