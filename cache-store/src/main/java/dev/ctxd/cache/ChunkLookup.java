package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;

/**
 * Which chunks are absent, judged by the {@code chunk_index} column family alone. A key lookup
 * in {@code chunks} reads the value, and for a BlobDB value that is the whole blob (about 1 ms
 * per 1 MiB chunk) even when the caller only wants to know that it exists; the index values are
 * {@value ChunkIndexEntry#BYTES} bytes in block-cached SSTs behind a bloom filter, so a lookup
 * costs microseconds whether the chunk is there or not.
 */
final class ChunkLookup {
  // Bounds the JNI key and value arrays of one multiGet.
  private static final int MULTI_GET_BATCH = 1024;

  private ChunkLookup() {}

  /** The digests of {@code digests} not in {@code chunk_index}, in first-seen order, without duplicates. */
  static Set<Digest> missing(RocksHandles rocks, ReadOptions read, Collection<Digest> digests) throws RocksDBException {
    ColumnFamilyHandle cf = rocks.cf(Column.CHUNK_INDEX);
    List<Digest> unique = new ArrayList<>(new LinkedHashSet<>(digests));
    Set<Digest> missing = new LinkedHashSet<>();
    for (int from = 0; from < unique.size(); from += MULTI_GET_BATCH) {
      List<Digest> batch = unique.subList(from, Math.min(unique.size(), from + MULTI_GET_BATCH));
      List<byte[]> keys = new ArrayList<>(batch.size());
      for (Digest d : batch) keys.add(Keys.chunk(d));
      List<byte[]> values = rocks.db.multiGetAsList(read, Collections.nCopies(keys.size(), cf), keys);
      for (int i = 0; i < batch.size(); i++) {
        if (values.get(i) == null) missing.add(batch.get(i));
      }
    }
    return missing;
  }
}
