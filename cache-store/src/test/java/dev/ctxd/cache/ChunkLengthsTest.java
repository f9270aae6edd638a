package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CacheStore#chunkLengths}: the daemon compares these with the lengths a client declares (issue 5). */
class ChunkLengthsTest {
  @TempDir Path dir;

  @Test
  void chunkLengths_presentOnesWithTheirLength_absentOnesLeftOut() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      byte[] a = bytes(10, 1);
      byte[] b = bytes(0, 2);
      store.putChunk(digestOf(a), a, 0, a.length);
      store.putChunk(digestOf(b), b, 0, b.length);
      Digest absent = new Digest(42);
      Map<Digest, Integer> lengths = store.chunkLengths(List.of(digestOf(a), absent, digestOf(b), digestOf(a)));
      assertThat(lengths).containsExactlyInAnyOrderEntriesOf(Map.of(digestOf(a), 10, digestOf(b), 0));
    }
  }

  @Test
  void chunkLengths_undecodableIndexEntry_isReportedAsCorrupt() throws Exception {
    try (CacheStore store = CacheStore.open(dir)) {
      Digest d = new Digest(7);
      store.rawPut(Column.CHUNK_INDEX, Keys.chunk(d), new byte[3]);
      assertThatThrownBy(() -> store.chunkLengths(List.of(d)))
          .isInstanceOf(CorruptStoreException.class)
          .hasMessage("chunk_index/" + d.hex() + " in " + dir + " is undecodable; run `ctx system check`");
    }
  }
}
