package dev.ctxd.cache;

import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDBException;

/** Flushes and full compactions, which turn deletes into free disk space (see {@link CacheStore#compact}). */
final class Compaction {
  private static final Column[] COMPACTED = {Column.CHUNKS, Column.CHUNK_INDEX, Column.MANIFESTS, Column.CONTEXTS};

  private Compaction() {}

  /** Writes every memtable to SST/blob files and waits; the WAL they came from is then obsolete. */
  static void flush(RocksHandles rocks) throws RocksDBException {
    try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
      rocks.db.flush(wait, rocks.all());
    }
  }

  /**
   * Flushes, then rewrites each column family's bottommost files even when RocksDB would skip
   * them (kForce), which drops tombstones and deleted ranges. Blob garbage collection is on for
   * the duration only (see {@link RocksHandles#BLOB_GC_AGE_CUTOFF}): live blobs move out of the
   * oldest quarter of blob files, or with {@code reclaimBlobs} out of every blob file, and the
   * files of deleted chunks are removed.
   */
  static void full(RocksHandles rocks, boolean reclaimBlobs) throws RocksDBException {
    flush(rocks);
    setBlobCollection(rocks, true, reclaimBlobs ? 1.0 : RocksHandles.BLOB_GC_AGE_CUTOFF);
    try (CompactRangeOptions options = new CompactRangeOptions()
        .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
      for (Column c : COMPACTED) rocks.db.compactRange(rocks.cf(c), null, null, options);
    } finally {
      setBlobCollection(rocks, false, RocksHandles.BLOB_GC_AGE_CUTOFF);
    }
  }

  private static void setBlobCollection(RocksHandles rocks, boolean on, double cutoff) throws RocksDBException {
    rocks.db.setOptions(rocks.cf(Column.CHUNKS), MutableColumnFamilyOptions.builder()
        .setEnableBlobGarbageCollection(on).setBlobGarbageCollectionAgeCutoff(cutoff).build());
  }
}
