package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static dev.ctxd.cache.TestManifests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: usage, leases, pins and removal: what a prune may delete and what it must spare. */
class CacheStoreRemovalTest {
  @TempDir Path dir;
  private CacheStore store;

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

  private static Set<Long> allChunks(StoreUsage usage) {
    return usage.chunks().keySet();
  }

  private static List<String> keys(StoreUsage usage) {
    return usage.contexts().stream().map(c -> c.record().key()).sorted().toList();
  }

  @Test
  void usage_sharesAddUpToTheDirectorysSize_andSharedChunksAreOneEntry() throws Exception {
    byte[] shared = bytes(200_000, 1);
    Entry common = stored("big.bin", shared);
    store.commit("a", TestManifests.of(common, stored("a.txt", "only a\n".getBytes())));
    store.commit("b", TestManifests.of(common, stored("b.txt", "only b\n".getBytes())));
    StoreUsage u = store.usage();
    long sum = u.garbageBytes() + u.overheadBytes();
    for (StoreUsage.ContextUsage c : u.contexts()) sum += c.snapshotBytes();
    for (StoreUsage.ChunkStat s : u.chunks().values()) sum += s.diskBytes();
    assertThat(sum).isEqualTo(u.diskBytes());
    // A moment later RocksDB may have written a little (a background compaction after the flush).
    assertThat((double) u.diskBytes()).isCloseTo(ApparentSize.of(dir), org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(u.chunks()).hasSize(3);
    long bigDigest = digestOf(shared).value();
    assertThat(u.contexts()).allSatisfy(c -> assertThat(c.chunks()).contains(bigDigest));
    // The blob costs about its length once (blob files are not compressed); the SST files' fixed costs are shared out in proportion, so within 5%.
    assertThat(u.chunks().get(bigDigest).diskBytes()).isBetween(190_000L, 210_000L);
  }

  @Test
  void remove_sparesLeasedContextAndItsChunks_removesTheRest() throws Exception {
    Entry a = stored("a.bin", bytes(10_000, 2));
    Entry b = stored("b.bin", bytes(10_000, 3));
    store.commit("a", TestManifests.of(a));
    store.commit("b", TestManifests.of(b));
    try (ContextLease lease = store.lease("a")) {
      StoreUsage u = store.usage();
      assertThat(u.contexts()).filteredOn(c -> c.record().key().equals("a")).singleElement().matches(StoreUsage.ContextUsage::leased);
      Removal r = store.remove(new Removal.Request(u, List.of("a", "b"), allChunks(u)));
      assertThat(r.contexts()).containsExactly("b");
      assertThat(r.chunks()).containsExactly(b.contentChunks().get(0).value());
      assertThat(store.latestVersion("a")).isEqualTo(1);
      assertThat(store.getChunk(a.contentChunks().get(0))).hasSize(10_000);
      assertThat(store.findMissing(List.of(a.contentChunks().get(0), b.contentChunks().get(0)))).containsExactly(b.contentChunks().get(0));
    }
    assertThat(store.check().problems()).isEmpty();
    assertThat(keys(store.usage())).containsExactly("a");
  }

  @Test
  void remove_sparesChunksPinnedBySyncInProgress_untilUnpinned() throws Exception {
    byte[] content = bytes(5_000, 4);
    Digest d = digestOf(content);
    store.putChunk(d, content, 0, content.length); // stored, referenced by nothing yet
    try (ContextLease lease = store.lease("c")) {
      assertThat(lease.pinAndLookup(List.of(d))).containsEntry(d, 5_000); // the daemon tells the client: present
      StoreUsage u = store.usage();
      assertThat(u.chunks().get(d.value()).pinned()).isTrue();
      assertThat(store.remove(new Removal.Request(u, List.of(), allChunks(u))).chunks()).isEmpty();
      store.commit("c", TestManifests.of(file("x", content))); // the commit that relies on it succeeds
      lease.unpinAll();
    }
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void remove_sparesChunksACommitReferencedAfterThePlan() throws Exception {
    byte[] content = bytes(6_000, 5);
    Digest d = digestOf(content);
    store.putChunk(d, content, 0, content.length);
    StoreUsage plannedOn = store.usage(); // d unreferenced here
    store.commit("late", TestManifests.of(file("late.bin", content))); // no lease: a commit racing the prune
    Removal r = store.remove(new Removal.Request(plannedOn, List.of(), allChunks(plannedOn)));
    assertThat(r.chunks()).isEmpty();
    assertThat(store.check().problems()).isEmpty();
    assertThat(store.getChunk(d)).isEqualTo(content);
  }

  @Test
  void remove_sparesContextUsedAfterThePlan() throws Exception {
    store.commit("x", TestManifests.of(stored("x", bytes(100, 6))));
    StoreUsage plannedOn = store.usage();
    store.touch("x");
    Removal r = store.remove(new Removal.Request(plannedOn, List.of("x"), allChunks(plannedOn)));
    assertThat(r.contexts()).isEmpty();
    assertThat(r.chunks()).isEmpty();
    assertThat(store.latestVersion("x")).isEqualTo(1);
  }

  @Test
  void removeThenCompact_givesTheDiskBack() throws Exception {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 24; i++) entries.add(stored("f" + i, bytes(1 << 20, 100 + i)));
    for (int i = 0; i < 200; i++) entries.add(stored("small" + i, ("small file " + i + "\n").repeat(20).getBytes()));
    store.commit("big", Manifest.of(entries));
    StoreUsage u = store.usage();
    long before = ApparentSize.of(dir);
    Removal r = store.remove(new Removal.Request(u, List.of("big"), allChunks(u)));
    assertThat(r.chunks()).hasSize(224);
    store.compact(true);
    long after = ApparentSize.of(dir);
    long reclaimable = u.contexts().get(0).snapshotBytes() + u.chunks().values().stream().mapToLong(StoreUsage.ChunkStat::diskBytes).sum();
    assertThat(before - after).as("freed %d of %d reclaimable", before - after, reclaimable).isGreaterThanOrEqualTo(reclaimable * 9 / 10);
    assertThat(store.usage().chunks()).isEmpty();
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void lease_closedTwice_isHarmless_andPinningAfterCloseFails() throws Exception {
    ContextLease lease = store.lease("k");
    assertThat(store.leased("k")).isTrue();
    lease.close();
    lease.close();
    assertThat(store.leased("k")).isFalse();
    assertThatThrownBy(() -> lease.pinAndLookup(List.of(new Digest(1)))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void remove_deletesTheChunksOwnerRows_soALaterUploadStartsUnowned() throws Exception {
    Tenant alice = Tenant.uid(1001, false);
    ChunkOwnership ownership = ChunkOwnership.open(store, Tenant.uid(0, true));
    byte[] content = "alice's file\n".getBytes();
    Digest digest = digestOf(content);
    assertThat(ownership.put(alice, digest, content)).isEqualTo(ChunkOwnership.Outcome.STORED);
    assertThat(ownership.unowned(alice, List.of(digest))).isEmpty();
    StoreUsage u = store.usage();

    Removal r = store.remove(new Removal.Request(u, List.of(), allChunks(u)));

    assertThat(r.chunks()).containsExactly(digest.value());
    assertThat(ownership.unowned(alice, List.of(digest))).containsExactly(digest);
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void commit_theSameTreeAgain_keepsItsVersion_soConcurrentBuildsOfItFindTheirs() throws Exception {
    Manifest tree = TestManifests.of(stored("app.txt", "app\n".getBytes()));
    assertThat(store.commit("k", tree)).isEqualTo(1);
    for (int i = 0; i < 3; i++) assertThat(store.commit("k", tree)).isEqualTo(1);
    assertThat(store.manifest("k", 1)).isEqualTo(tree);
    assertThat(store.commit("k", TestManifests.of(stored("app.txt", "app, edited\n".getBytes())))).isEqualTo(2);
  }
}
