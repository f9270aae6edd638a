package dev.ctxd.cache;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import java.nio.ByteBuffer;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Reads chunks into one reused direct buffer: no array per chunk, and a file channel writes the
 * buffer without copying it again (a heap array is copied into a temporary direct buffer by
 * every write). For a thread that reads many chunks in a row, e.g. a materialization's writer.
 * Not thread-safe; each buffer returned by {@link #read} is valid until the next call.
 */
public final class ChunkReader {
  private final CacheStore store;
  private final ByteBuffer key = ByteBuffer.allocateDirect(Long.BYTES);
  private final ByteBuffer value = ByteBuffer.allocateDirect(Chunking.CHUNK_SIZE);

  public ChunkReader(CacheStore store) {
    this.store = store;
  }

  /** The stored chunk's bytes, from position 0 to its length; {@link BlobNotFoundException} when absent. */
  @SuppressWarnings("try")
  public ByteBuffer read(Digest digest) throws CacheStoreException {
    key.clear();
    key.putLong(digest.value()).flip();
    value.clear();
    int length;
    try (CacheStore.Guard g = store.enter()) {
      RocksHandles rocks = store.rocks();
      length = rocks.db.get(rocks.cf(Column.CHUNKS), rocks.defaultRead, key, value);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get " + digest, store.directory(), e);
    }
    if (length == RocksDB.NOT_FOUND) throw new BlobNotFoundException(digest, store.directory().toString());
    if (length > value.capacity()) {
      throw new CorruptStoreException("chunks/" + digest.hex() + " in " + store.directory() + " holds " + length
          + " bytes, more than a chunk may (" + Chunking.CHUNK_SIZE + "); run `ctx system check`");
    }
    value.position(0).limit(length);
    return value;
  }
}
