package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: the materializer's reader fills one direct buffer per chunk, inline or in a blob file, unflushed or flushed. */
class ChunkReaderTest {
  @TempDir Path dir;

  @Test
  void read_givesEachChunksBytes_inOneReusedBuffer_andNamesAnAbsentOne() throws Exception {
    byte[] small = bytes(100, 1);
    byte[] full = bytes(Chunking.CHUNK_SIZE, 2);
    byte[] empty = new byte[0];
    try (CacheStore store = CacheStore.open(dir)) {
      store.putChunks(List.of(ChunkWrite.of(digestOf(small), small), ChunkWrite.of(digestOf(empty), empty)), ChunkDurability.LOGGED);
      store.putChunks(List.of(ChunkWrite.of(digestOf(full), full)), ChunkDurability.AT_NEXT_COMMIT);
      ChunkReader reader = new ChunkReader(store);
      for (int pass = 0; pass < 2; pass++) { // from the memtable, then from SST and blob files
        assertThat(bytesOf(reader.read(digestOf(full)))).isEqualTo(full);
        ByteBuffer b = reader.read(digestOf(small));
        assertThat(b.isDirect()).isTrue();
        assertThat(bytesOf(b)).isEqualTo(small);
        assertThat(reader.read(digestOf(empty)).remaining()).isZero();
        Compaction.flush(store.rocks());
      }
      Digest absent = new Digest(42);
      assertThatThrownBy(() -> reader.read(absent)).isInstanceOf(BlobNotFoundException.class).hasMessageContaining(absent.toString());
    }
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
