package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rocksdb.ByteBufferGetStatus;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Which chunks are absent from the {@code chunks} column family. {@code keyMayExist} answers
 * "absent" from the bloom filters and memtable without touching data blocks, which settles
 * most digests a client has never sent; only the rest are looked up with {@code multiGet}.
 */
final class ChunkLookup {
  private static final int MULTI_GET_BATCH = 256;

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
    // Direct buffers: a 1-byte value slot per key, so the JNI layer copies no chunk bytes
    // back; RocksDB reports the status and the full size instead.
    ByteBuffer keyArea = ByteBuffer.allocateDirect(MULTI_GET_BATCH * Long.BYTES);
    ByteBuffer valueArea = ByteBuffer.allocateDirect(MULTI_GET_BATCH);
    for (int from = 0; from < maybe.size(); from += MULTI_GET_BATCH) {
      List<Digest> batch = maybe.subList(from, Math.min(maybe.size(), from + MULTI_GET_BATCH));
      List<ByteBuffer> keys = new ArrayList<>(batch.size());
      List<ByteBuffer> values = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        keys.add(keyArea.slice(i * Long.BYTES, Long.BYTES).putLong(0, batch.get(i).value()));
        values.add(valueArea.slice(i, 1));
      }
      List<ByteBufferGetStatus> got = rocks.db.multiGetByteBuffers(read, Collections.nCopies(keys.size(), cf), keys, values);
      for (int i = 0; i < batch.size(); i++) {
        Status.Code code = got.get(i).status.getCode();
        if (code == Status.Code.NotFound) absentAfterRead.add(batch.get(i));
        else if (code != Status.Code.Ok) throw new RocksDBException("multiGet " + batch.get(i) + ": " + got.get(i).status.getCodeString(), got.get(i).status);
      }
    }
    if (absentAfterRead.isEmpty()) return missing;
    // Keep the caller's order: rebuild from the input.
    Set<Digest> ordered = new LinkedHashSet<>();
    for (Digest d : digests) if (missing.contains(d) || absentAfterRead.contains(d)) ordered.add(d);
    return ordered;
  }
}
