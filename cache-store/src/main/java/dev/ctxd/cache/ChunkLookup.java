package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    Set<Digest> missing = new LinkedHashSet<>();
    lookup(rocks, read, digests, (d, value) -> {
      if (value == null) missing.add(d);
    });
    return missing;
  }

  /** The stored length of each of {@code digests} that {@code chunk_index} holds; absent ones are left out. */
  static Map<Digest, Integer> lengths(RocksHandles rocks, ReadOptions read, Collection<Digest> digests, String dir)
      throws RocksDBException, CorruptStoreException {
    Map<Digest, Integer> lengths = new HashMap<>();
    List<Digest> corrupt = new ArrayList<>();
    lookup(rocks, read, digests, (d, value) -> {
      if (value == null) return;
      try {
        lengths.put(d, ChunkIndexEntry.decode(value, "chunk_index/" + d.hex() + " in " + dir).length());
      } catch (CorruptStoreException e) {
        corrupt.add(d);
      }
    });
    if (!corrupt.isEmpty()) {
      throw new CorruptStoreException("chunk_index/" + corrupt.get(0).hex() + " in " + dir + " is undecodable; run `ctx system check`");
    }
    return lengths;
  }

  private interface Visitor {
    void visit(Digest digest, byte[] value);
  }

  private static void lookup(RocksHandles rocks, ReadOptions read, Collection<Digest> digests, Visitor visitor) throws RocksDBException {
    ColumnFamilyHandle cf = rocks.cf(Column.CHUNK_INDEX);
    List<Digest> unique = new ArrayList<>(new LinkedHashSet<>(digests));
    for (int from = 0; from < unique.size(); from += MULTI_GET_BATCH) {
      List<Digest> batch = unique.subList(from, Math.min(unique.size(), from + MULTI_GET_BATCH));
      List<byte[]> keys = new ArrayList<>(batch.size());
      for (Digest d : batch) keys.add(Keys.chunk(d));
      List<byte[]> values = rocks.db.multiGetAsList(read, Collections.nCopies(keys.size(), cf), keys);
      for (int i = 0; i < batch.size(); i++) visitor.visit(batch.get(i), values.get(i));
    }
  }
}
