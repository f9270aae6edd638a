package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: {@link ChunkOwnership#putAll} stores a batch of chunks in one write with the same
 * outcome per chunk as {@link ChunkOwnership#put}, and a collision anywhere in the batch
 * writes none of it.
 */
class ChunkOwnershipBatchTest {
  private static final Tenant OWNER = Tenant.uid(1000, true);
  private static final Tenant A = Tenant.uid(1001, false);
  private static final Tenant B = Tenant.uid(1002, false);
  @TempDir Path dir;

  @Test
  void eachChunkGetsTheOutcomeALonePutWould() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] mine = bytes(10, 1);
      byte[] theirs = bytes(20, 2);
      byte[] fresh = bytes(30, 3);
      owners.put(B, digestOf(mine), mine);
      owners.put(B, digestOf(theirs), theirs);
      owners.put(A, digestOf(mine), mine);
      List<ChunkWrite> batch = List.of(ChunkWrite.of(digestOf(mine), mine), ChunkWrite.of(digestOf(theirs), theirs.clone()),
          ChunkWrite.of(digestOf(fresh), fresh));
      assertThat(owners.putAll(A, batch, ChunkDurability.AT_NEXT_COMMIT)).containsExactly(
          ChunkOwnership.Outcome.ALREADY_OWNED, ChunkOwnership.Outcome.SHARED, ChunkOwnership.Outcome.STORED);
      assertThat(owners.unowned(A, List.of(digestOf(mine), digestOf(theirs), digestOf(fresh)))).isEmpty();
      assertThat(store.getChunk(digestOf(fresh))).isEqualTo(fresh);
      assertThat(store.check().problems()).isEmpty();
    }
  }

  @Test
  void aCollisionAnywhere_writesNothingOfTheBatch() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] stored = bytes(64, 5);
      byte[] forged = bytes(64, 6);
      byte[] fresh = bytes(64, 7);
      byte[] shared = bytes(64, 8);
      Digest d = digestOf(stored);
      owners.put(A, d, stored);
      owners.put(A, digestOf(shared), shared);
      List<ChunkWrite> batch = List.of(ChunkWrite.of(digestOf(fresh), fresh), ChunkWrite.of(digestOf(shared), shared), ChunkWrite.of(d, forged));
      assertThatThrownBy(() -> owners.putAll(B, batch, ChunkDurability.LOGGED)).isInstanceOf(ChunkCollisionException.class);
      assertThat(store.findMissing(List.of(digestOf(fresh)))).containsExactly(digestOf(fresh));
      assertThat(owners.unowned(B, List.of(digestOf(shared), d))).containsExactly(digestOf(shared), d);
      assertThat(store.getChunk(d)).isEqualTo(stored);
    }
  }

  @Test
  void aDigestTwiceInOneBatch_isACallersBug() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      ChunkOwnership owners = ChunkOwnership.open(store, OWNER);
      byte[] a = bytes(10, 1);
      assertThatThrownBy(() -> owners.putAll(A, List.of(ChunkWrite.of(digestOf(a), a), ChunkWrite.of(digestOf(a), a)), ChunkDurability.LOGGED))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("chunk " + digestOf(a) + " appears twice in one batch");
      assertThat(store.findMissing(List.of(digestOf(a)))).containsExactly(digestOf(a));
    }
  }
}
