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
   * them (kForce), which drops tombstones and deleted ranges. With {@code reclaimBlobs} the blob
   * age cutoff is 1.0 for the duration, so the compaction relocates the live blobs of every
   * blob file and the files of deleted chunks are removed.
   */
  static void full(RocksHandles rocks, boolean reclaimBlobs) throws RocksDBException {
    flush(rocks);
    if (reclaimBlobs) setBlobAgeCutoff(rocks, 1.0);
    try (CompactRangeOptions options = new CompactRangeOptions()
        .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
      for (Column c : COMPACTED) rocks.db.compactRange(rocks.cf(c), null, null, options);
    } finally {
      if (reclaimBlobs) setBlobAgeCutoff(rocks, RocksHandles.BLOB_GC_AGE_CUTOFF);
    }
  }

  private static void setBlobAgeCutoff(RocksHandles rocks, double cutoff) throws RocksDBException {
    rocks.db.setOptions(rocks.cf(Column.CHUNKS), MutableColumnFamilyOptions.builder().setBlobGarbageCollectionAgeCutoff(cutoff).build());
  }
}
