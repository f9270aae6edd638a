package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code chunk_index} column family: written with every chunk, and the only thing presence checks read. */
class ChunkIndexTest {
  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

  @TempDir Path dir;
  private CacheStore store;

  @BeforeEach
  void open() throws Exception {
    store = open(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static CacheStore open(Path dir) throws CacheStoreException {
    return CacheStore.open(dir, CacheStoreOptions.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC)));
  }

  @Test
  void findMissing_2000PresentBlobChunksAndAbsentOnes_returnsExactlyTheAbsent() throws Exception {
    Random r = new Random(11);
    List<Digest> query = new ArrayList<>();
    List<Digest> absent = new ArrayList<>();
    List<ChunkWrite> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      byte[] chunk = bytes(64 << 10, i); // above MIN_BLOB_BYTES: stored in blob files
      Digest d = digestOf(chunk);
      batch.add(ChunkWrite.of(d, chunk));
      query.add(d);
      if (i % 4 == 0) {
        Digest never = new Digest(r.nextLong());
        absent.add(never);
        query.add(never);
      }
      if (batch.size() == 100) {
        store.putChunks(batch);
        batch.clear();
      }
    }
    query.add(query.get(0)); // duplicates are reported once, present or not
    query.add(absent.get(0));

    assertThat(store.findMissing(query)).containsExactlyElementsOf(absent);
    store.close();
    store = open(dir); // now from SST files instead of the memtable
    assertThat(store.findMissing(query)).containsExactlyElementsOf(absent);
    assertThat(store.chunkLength(query.get(0))).isEqualTo(64 << 10);
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void putChunks_writesChunkAndIndexEntry_withLengthAndStoredAt() throws Exception {
    byte[] small = "small".getBytes();
    byte[] large = bytes(1 << 20, 1);
    store.putChunks(List.of(ChunkWrite.of(digestOf(small), small), ChunkWrite.of(digestOf(large), large)));

    for (byte[] content : List.of(small, large)) {
      byte[] key = Keys.chunk(digestOf(content));
      assertThat(store.rawGet(Column.CHUNKS, key)).isEqualTo(content);
      ChunkIndexEntry entry = ChunkIndexEntry.decode(store.rawGet(Column.CHUNK_INDEX, key), "test");
      assertThat(entry).isEqualTo(new ChunkIndexEntry(content.length, T0.toEpochMilli()));
      assertThat(store.chunkLength(digestOf(content))).isEqualTo(content.length);
    }
  }

  @Test
  void putChunks_failingBatch_writesNeitherChunksNorIndex() throws Exception {
    byte[] a = bytes(5000, 1);
    byte[] b = "b".getBytes();
    byte[] tooBig = new byte[Chunking.CHUNK_SIZE + 1];
    List<ChunkWrite> batch = List.of(ChunkWrite.of(digestOf(a), a), ChunkWrite.of(digestOf(b), b), ChunkWrite.of(new Digest(3), tooBig));

    assertThatThrownBy(() -> store.putChunks(batch)).isInstanceOf(IllegalArgumentException.class);
    for (Digest d : List.of(digestOf(a), digestOf(b))) {
      assertThat(store.rawGet(Column.CHUNKS, Keys.chunk(d))).isNull();
      assertThat(store.rawGet(Column.CHUNK_INDEX, Keys.chunk(d))).isNull();
    }
    assertThat(store.findMissing(List.of(digestOf(a), digestOf(b)))).containsExactly(digestOf(a), digestOf(b));

    store.putChunks(batch.subList(0, 2));
    store.close();
    store = open(dir); // recovered from the WAL: both families or neither
    for (Digest d : List.of(digestOf(a), digestOf(b))) {
      assertThat(store.rawGet(Column.CHUNKS, Keys.chunk(d))).isNotNull();
      assertThat(store.rawGet(Column.CHUNK_INDEX, Keys.chunk(d))).isNotNull();
    }
    assertThat(store.findMissing(List.of(digestOf(a), digestOf(b)))).isEmpty();
  }

  @Test
  void chunkLength_absent_throwsBlobNotFound() {
    assertThatThrownBy(() -> store.chunkLength(new Digest(0xabcL)))
        .isInstanceOf(BlobNotFoundException.class)
        .hasMessage("chunk xxh64:0000000000000abc not found in " + dir);
  }

  @Test
  void decode_wrongSize_isCorrupt() {
    assertThatThrownBy(() -> ChunkIndexEntry.decode(new byte[5], "chunk_index/x"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessage("chunk_index/x holds 5 bytes, want 12");
  }
}
