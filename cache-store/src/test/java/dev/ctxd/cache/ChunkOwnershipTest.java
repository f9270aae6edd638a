package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/**
 * Tenant isolation in the store (issue 5): a digest is present for a tenant only if it
 * uploaded it, and different bytes under a stored digest (a collision, simulated here by
 * passing a digest that is not the bytes' hash, which the daemon's edge would have checked)
 * never replace what is stored.
 */
class ChunkOwnershipTest {
  private static final Tenant OWNER = Tenant.uid(1000, true);
  private static final Tenant A = Tenant.uid(1001, false);
  private static final Tenant B = Tenant.uid(1002, false);
  @TempDir Path dir;

  @Test
  void claimedButNotUploaded_isUnownedForTheClaimer() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(10, 1);
      assertThat(owners.put(A, digestOf(a), a)).isEqualTo(ChunkOwnership.Outcome.STORED);
      assertThat(owners.unowned(A, List.of(digestOf(a)))).isEmpty();
      assertThat(owners.unowned(B, List.of(digestOf(a)))).containsExactly(digestOf(a));
      assertThat(owners.ownedLengths(A, List.of(digestOf(a)))).isEqualTo(Map.of(digestOf(a), 10));
      assertThat(owners.ownedLengths(B, List.of(digestOf(a)))).isEmpty();
      assertThat(store.findMissing(List.of(digestOf(a)))).isEmpty(); // stored once, for everyone's disk
    }
  }

  @Test
  void sameBytesFromAnotherTenant_areSharedNotCopied() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(100, 3);
      owners.put(A, digestOf(a), a);
      assertThat(owners.put(B, digestOf(a), a.clone())).isEqualTo(ChunkOwnership.Outcome.SHARED);
      assertThat(owners.put(B, digestOf(a), a)).isEqualTo(ChunkOwnership.Outcome.ALREADY_OWNED);
      assertThat(owners.unowned(B, List.of(digestOf(a)))).isEmpty();
    }
  }

  @Test
  void collidingDifferentBytes_areRefused_andTheStoredChunkNeverChanges() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(64, 5);
      byte[] forged = bytes(64, 6);
      Digest d = digestOf(a);
      owners.put(A, d, a);
      assertThatThrownBy(() -> owners.put(B, d, forged))
          .isInstanceOf(ChunkCollisionException.class)
          .hasMessage("chunk " + d + " offered by uid:1002 in " + dir + ": the store already holds different bytes with this"
              + " xxHash64 digest; they are kept and the offer refused (a hash collision, accidental or crafted)");
      assertThat(store.getChunk(d)).isEqualTo(a);
      assertThat(owners.unowned(B, List.of(d))).containsExactly(d);
    }
  }

  @Test
  void collisionUploadedFirst_neverReachesTheVictim() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] genuine = bytes(64, 7);
      byte[] forged = bytes(64, 8);
      Digest d = digestOf(genuine);
      owners.put(B, d, forged); // the attacker pre-plants bytes under the victim's digest
      assertThat(owners.ownedLengths(A, List.of(d))).isEmpty(); // the victim is asked to upload
      assertThatThrownBy(() -> owners.put(A, d, genuine)).isInstanceOf(ChunkCollisionException.class);
      assertThat(owners.unowned(A, List.of(d))).containsExactly(d); // so A can never commit a manifest using them
    }
  }

  @Test
  void racingTenantsWithDifferentBytes_exactlyOneWins() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        for (int round = 0; round < 20; round++) {
          Digest d = new Digest(round + 1);
          CountDownLatch start = new CountDownLatch(1);
          List<Future<ChunkOwnership.Outcome>> results = new ArrayList<>();
          for (int t = 0; t < 8; t++) {
            Tenant tenant = Tenant.uid(2000 + t, false);
            byte[] content = bytes(32, round * 8 + t);
            results.add(pool.submit(() -> {
              start.await();
              try {
                return owners.put(tenant, d, content);
              } catch (ChunkCollisionException e) {
                return null;
              }
            }));
          }
          start.countDown();
          int stored = 0;
          int winner = -1;
          for (int t = 0; t < 8; t++) {
            if (results.get(t).get(10, TimeUnit.SECONDS) == ChunkOwnership.Outcome.STORED) {
              stored++;
              winner = t;
            }
          }
          assertThat(stored).isEqualTo(1);
          assertThat(store.getChunk(d)).isEqualTo(bytes(32, round * 8 + winner));
          for (int t = 0; t < 8; t++) {
            assertThat(owners.unowned(Tenant.uid(2000 + t, false), List.of(d)).isEmpty()).isEqualTo(t == winner);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void deleteOwners_removesEveryTenantsRowOfThatDigestOnly() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(10, 1);
      byte[] b = bytes(10, 2);
      owners.put(A, digestOf(a), a);
      owners.put(B, digestOf(a), a);
      owners.put(A, digestOf(b), b);
      try (WriteBatch batch = new WriteBatch()) {
        ChunkOwnership.deleteOwners(store.rocks(), batch, digestOf(a));
        store.rocks().db.write(store.rocks().syncWrite, batch);
      }
      assertThat(owners.unowned(A, List.of(digestOf(a), digestOf(b)))).containsExactly(digestOf(a));
      assertThat(owners.unowned(B, List.of(digestOf(a)))).containsExactly(digestOf(a));
    }
  }

  @Test
  void ownerRowWithoutItsChunk_isReportedByCheck() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(10, 1);
      owners.put(A, digestOf(a), a);
      assertThat(store.check().problems()).isEmpty();
      try (WriteBatch batch = new WriteBatch()) { // a prune that forgot deleteOwners
        batch.delete(store.rocks().cf(Column.CHUNKS), Keys.chunk(digestOf(a)));
        batch.delete(store.rocks().cf(Column.CHUNK_INDEX), Keys.chunk(digestOf(a)));
        store.rocks().db.write(store.rocks().syncWrite, batch);
      }
      assertThat(store.check().problems()).containsExactly("chunk_owners/" + digestOf(a).hex()
          + " (tenant uid:1001) names a chunk the store lacks (deleting a chunk must delete its owner rows)");
    }
  }

  @Test
  void chunksStoredBeforeOwnership_belongToTheLegacyOwnerOnce() throws Exception {
    byte[] a = bytes(10, 1);
    try (CacheStore store = CacheStore.open(dir)) {
      store.putChunk(digestOf(a), a, 0, a.length);
    }
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      assertThat(owners.unowned(OWNER, List.of(digestOf(a)))).isEmpty();
      assertThat(owners.unowned(A, List.of(digestOf(a)))).containsExactly(digestOf(a));
      byte[] later = bytes(10, 9);
      store.putChunk(digestOf(later), later, 0, later.length); // e.g. a crash before its owner row
    }
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      assertThat(owners.unowned(OWNER, List.of(digestOf(bytes(10, 9))))).containsExactly(digestOf(bytes(10, 9)));
    }
  }

  @Test
  void scope_keepsTheOwnersKeysAndSeparatesOthers() {
    assertThat(OWNER.scope("host:/src")).isEqualTo("host:/src");
    assertThat(A.scope("host:/src")).isEqualTo("uid:1001\0host:/src");
    assertThat(B.scope("host:/src")).isNotEqualTo(A.scope("host:/src"));
    assertThatThrownBy(() -> A.scope("x\0y")).isInstanceOf(IllegalArgumentException.class);
  }
}
