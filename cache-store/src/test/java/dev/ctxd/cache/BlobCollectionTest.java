package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: RocksDB's own compactions leave blob files alone (a first sync's compactions used to
 * rewrite its fresh blobs); the store's full compaction still collects dead blobs.
 */
class BlobCollectionTest {
  @TempDir Path dir;

  @Test
  void automaticCompaction_doesNotRelocateBlobs_fullCompactionAfterARemovalDoes() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      List<ChunkWrite> all = new java.util.ArrayList<>();
      for (int flush = 0; flush < 4; flush++) { // four flushes: four blob files, oldest first
        for (int i = 0; i < 4; i++) {
          byte[] b = bytes(256 << 10, flush * 10 + i);
          ChunkWrite w = ChunkWrite.of(digestOf(b), b);
          all.add(w);
          store.putChunks(List.of(w), ChunkDurability.AT_NEXT_COMMIT);
        }
        Compaction.flush(store.rocks());
      }
      Set<String> blobs = blobFiles();
      assertThat(blobs).hasSize(4);
      store.rocks().db.compactRange(store.rocks().cf(Column.CHUNKS)); // what RocksDB does by itself
      assertThat(blobFiles()).isEqualTo(blobs);
      for (ChunkWrite w : all) assertThat(store.getChunk(w.digest())).isEqualTo(w.raw());

      StoreUsage u = store.usage();
      store.remove(new Removal.Request(u, List.of(), u.chunks().keySet()));
      store.compact(true);
      assertThat(blobFiles()).doesNotContainAnyElementsOf(blobs);
      assertThat(store.findMissing(List.of(all.get(0).digest()))).containsExactly(all.get(0).digest());
      assertThat(store.check().problems()).isEmpty();
    }
  }

  private Set<String> blobFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".blob")).collect(Collectors.toSet());
    }
  }
}
