package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static dev.ctxd.cache.TestManifests.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: chunks written {@link ChunkDurability#AT_NEXT_COMMIT} skip the WAL. A crash is
 * simulated by copying the open store's files (what a SIGKILLed daemon leaves on disk; the
 * temp dir's page cache is its disk) and opening the copy.
 */
class UnloggedChunksTest {
  private static final Tenant T = Tenant.uid(1000, true);
  @TempDir Path temp;

  @Test
  void crashBeforeCommit_losesUnloggedChunksWhole_keepsLoggedOnes_andTheStoreStaysConsistent() throws Exception {
    byte[] logged = bytes(3000, 1);
    byte[] unlogged = bytes(200_000, 2); // a blob-file value
    byte[] small = bytes(100, 3);        // an inline value
    try (CacheStore store = CacheStore.open(temp.resolve("live"))) {
      ChunkOwnership owners = ChunkOwnership.open(store, T);
      owners.put(T, digestOf(logged), logged, ChunkDurability.LOGGED);
      owners.put(T, digestOf(unlogged), unlogged, ChunkDurability.AT_NEXT_COMMIT);
      owners.put(T, digestOf(small), small, ChunkDurability.AT_NEXT_COMMIT);
      assertThat(store.unloggedPending()).isTrue();
      assertThat(store.getChunk(digestOf(unlogged))).isEqualTo(unlogged); // readable at once
      copyFiles(temp.resolve("live"), temp.resolve("crash"));
    }
    try (CacheStore crashed = CacheStore.open(temp.resolve("crash"))) {
      ChunkOwnership owners = ChunkOwnership.open(crashed, T);
      assertThat(crashed.findMissing(List.of(digestOf(logged), digestOf(unlogged), digestOf(small))))
          .containsExactly(digestOf(unlogged), digestOf(small));
      assertThat(owners.unowned(T, List.of(digestOf(logged), digestOf(unlogged), digestOf(small))))
          .containsExactly(digestOf(unlogged), digestOf(small)); // no owner row outlives its chunk
      assertThat(crashed.getChunk(digestOf(logged))).isEqualTo(logged);
      assertThat(crashed.check().problems()).isEmpty();
    }
  }

  @Test
  void commit_makesUnloggedChunksDurableBeforeTheManifest() throws Exception {
    byte[] a = bytes(300_000, 4);
    byte[] b = bytes(50, 5);
    try (CacheStore store = CacheStore.open(temp.resolve("live"))) {
      ChunkOwnership owners = ChunkOwnership.open(store, T);
      owners.put(T, digestOf(a), a, ChunkDurability.AT_NEXT_COMMIT);
      owners.put(T, digestOf(b), b, ChunkDurability.AT_NEXT_COMMIT);
      long version = store.commit("ctx", TestManifests.of(file("a", a), file("b", b)));
      assertThat(version).isEqualTo(1);
      assertThat(store.unloggedPending()).isFalse();
      copyFiles(temp.resolve("live"), temp.resolve("crash"));
    }
    try (CacheStore crashed = CacheStore.open(temp.resolve("crash"))) {
      assertThat(crashed.latestVersion("ctx")).isEqualTo(1);
      assertThat(crashed.getChunk(digestOf(a))).isEqualTo(a);
      assertThat(crashed.getChunk(digestOf(b))).isEqualTo(b);
      assertThat(ChunkOwnership.open(crashed, T).unowned(T, List.of(digestOf(a), digestOf(b)))).isEmpty();
      assertThat(crashed.check().problems()).isEmpty();
    }
  }

  @Test
  void commitWithNothingUnlogged_doesNotFlush() throws Exception {
    byte[] a = bytes(10, 6);
    try (CacheStore store = CacheStore.open(temp.resolve("live"))) {
      ChunkOwnership.open(store, T).put(T, digestOf(a), a, ChunkDurability.LOGGED);
      assertThat(store.unloggedPending()).isFalse();
      long sstsBefore = countSsts(temp.resolve("live"));
      store.commit("ctx", TestManifests.of(file("a", a)));
      assertThat(countSsts(temp.resolve("live"))).isEqualTo(sstsBefore); // the WAL carries it; no memtable was flushed
    }
  }

  @Test
  void cleanClose_keepsUnloggedChunks() throws Exception {
    byte[] a = bytes(70_000, 7);
    try (CacheStore store = CacheStore.open(temp.resolve("live"))) {
      store.putChunks(List.of(ChunkWrite.of(digestOf(a), a)), ChunkDurability.AT_NEXT_COMMIT);
    }
    try (CacheStore reopened = CacheStore.open(temp.resolve("live"))) {
      assertThat(reopened.getChunk(digestOf(a))).isEqualTo(a);
      assertThat(reopened.check().problems()).isEmpty();
    }
  }

  private static long countSsts(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sst")).count();
    }
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.getFileName().toString().equals("LOCK")) Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
