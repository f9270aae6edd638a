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
 * Which chunks are absent from the {@code chunks} column family. {@code keyMayExist} answers
 * "absent" from the bloom filters and memtable without touching data blocks, which settles
 * most digests a client has never sent; only the rest are read with {@code multiGet}, in
 * small batches because a present chunk's value (up to 1 MiB) is read with it.
 */
final class ChunkLookup {
  private static final int MULTI_GET_BATCH = 32;

  private ChunkLookup() {}

  /** The digests of {@code digests} not stored, in first-seen order, without duplicates. */
  static Set<Digest> missing(RocksHandles rocks, ReadOptions read, Collection<Digest> digests) throws RocksDBException {
    ColumnFamilyHandle cf = rocks.cf(Column.CHUNKS);
    Set<Digest> missing = new LinkedHashSet<>();
    List<Digest> maybe = new ArrayList<>();
    for (Digest d : new LinkedHashSet<>(digests)) {
      if (rocks.db.keyMayExist(cf, read, Keys.chunk(d), null)) maybe.add(d);
      else missing.add(d);
    }
    Set<Digest> absentAfterRead = new LinkedHashSet<>();
    for (int from = 0; from < maybe.size(); from += MULTI_GET_BATCH) {
      List<Digest> batch = maybe.subList(from, Math.min(maybe.size(), from + MULTI_GET_BATCH));
      List<byte[]> keys = new ArrayList<>(batch.size());
      for (Digest d : batch) keys.add(Keys.chunk(d));
      List<byte[]> values = rocks.db.multiGetAsList(read, Collections.nCopies(keys.size(), cf), keys);
      for (int i = 0; i < batch.size(); i++) if (values.get(i) == null) absentAfterRead.add(batch.get(i));
    }
    if (absentAfterRead.isEmpty()) return missing;
    // Keep the caller's order: rebuild from the input.
    Set<Digest> ordered = new LinkedHashSet<>();
    for (Digest d : digests) if (missing.contains(d) || absentAfterRead.contains(d)) ordered.add(d);
    return ordered;
  }
}
