package dev.ctxd.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The open RocksDB database and every native object it uses. RocksJava objects own C++
 * memory that the garbage collector does not free, and the options, cache and filter must
 * outlive the database that points into them, so each one lives in a field and
 * {@link #close()} frees them in reverse order of creation. Not thread-safe to close; the
 * {@link CacheStore} guarantees no operation runs while it closes.
 */
final class RocksHandles implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private static final long BLOCK_CACHE_BYTES = 64L << 20;
  private static final long BLOB_FILE_BYTES = 256L << 20;
  // Chunks of at least this size go to blob files: large values in SSTs make every
  // compaction rewrite them; small files (most of a source tree) stay inline and compress.
  static final long MIN_BLOB_BYTES = 4096;
  /**
   * RocksDB's default: a garbage-collecting compaction relocates live blobs out of the oldest
   * quarter of blob files. Only {@link Compaction#full} collects (removals, the only source of
   * dead blobs, always end with it): with collection on in every automatic compaction, a big
   * first sync rewrote a quarter of its own fresh blobs again and again (issue 8 profile).
   */
  static final double BLOB_GC_AGE_CUTOFF = 0.25;

  final RocksDB db;
  final WriteOptions syncWrite;
  final WriteOptions asyncWrite;
  final WriteOptions unloggedWrite;
  /** Default read options, shared: RocksDB only reads them. */
  final ReadOptions defaultRead;
  private final DBOptions dbOptions;
  private final Cache blockCache;
  private final Filter bloom;
  private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);

  RocksHandles(Path dir, boolean readOnly) throws RocksDBException {
    dbOptions = new DBOptions()
        .setCreateIfMissing(!readOnly)
        .setCreateMissingColumnFamilies(!readOnly)
        .setMaxBackgroundJobs(4)
        .setBytesPerSync(1L << 20)
        .setKeepLogFileNum(5)
        // Chunk writes may skip the WAL (ChunkDurability.AT_NEXT_COMMIT): a flush of one column
        // family alone would then persist a chunk's bytes without its index entry or owner row.
        .setAtomicFlush(true)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    blockCache = new LRUCache(BLOCK_CACHE_BYTES);
    bloom = new BloomFilter(10);
    // The WAL stays on: an acknowledged write survives a SIGKILL of the daemon because it is
    // in the OS page cache; commits also fsync so they survive a power cut.
    syncWrite = new WriteOptions().setSync(true);
    asyncWrite = new WriteOptions();
    unloggedWrite = new WriteOptions().setDisableWAL(true);
    defaultRead = new ReadOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, newCfOptions(CompressionType.LZ4_COMPRESSION)));
    for (Column c : Column.values()) descriptors.add(new ColumnFamilyDescriptor(c.nameBytes(), optionsFor(c)));
    try {
      db = readOnly
          ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handles)
          : RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException | RuntimeException e) {
      closeOptions();
      throw e;
    }
    for (Column c : Column.values()) byColumn.put(c, handles.get(c.ordinal() + 1));
  }

  ColumnFamilyHandle cf(Column column) {
    return byColumn.get(column);
  }

  /** Every column family's handle, the default one included (for flushes). */
  List<ColumnFamilyHandle> all() {
    return List.copyOf(handles);
  }

  private ColumnFamilyOptions optionsFor(Column column) {
    switch (column) {
      case CHUNKS:
        // Chunk content is often compressed already (images, archives, .git packs), so blob
        // files are stored as is; the small inline values and blob indexes get LZ4.
        return newCfOptions(CompressionType.LZ4_COMPRESSION)
            .setEnableBlobFiles(true)
            .setMinBlobSize(MIN_BLOB_BYTES)
            .setBlobFileSize(BLOB_FILE_BYTES)
            .setBlobCompressionType(CompressionType.NO_COMPRESSION)
            .setEnableBlobGarbageCollection(false)
            .setBlobGarbageCollectionAgeCutoff(BLOB_GC_AGE_CUTOFF);
      case CHUNK_INDEX:
        // Tiny values, read by every findMissing and commit: the shared bloom filter and block
        // cache of the default options keep a lookup, hit or miss, to microseconds.
        return newCfOptions(CompressionType.LZ4_COMPRESSION);
      case MANIFESTS:
        return newCfOptions(CompressionType.NO_COMPRESSION); // values are deflated already
      default:
        return newCfOptions(CompressionType.LZ4_COMPRESSION);
    }
  }

  private ColumnFamilyOptions newCfOptions(CompressionType compression) {
    // The table config is copied into the options on set, so it needs no field of its own.
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setFilterPolicy(bloom)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    ColumnFamilyOptions options = new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setCompressionType(compression);
    cfOptions.add(options);
    return options;
  }

  /**
   * Frees everything in reverse order of creation: column family handles before the database
   * that owns them, the database before the options, cache and filter it points into.
   */
  @Override
  public void close() {
    for (ColumnFamilyHandle h : handles) h.close();
    db.close();
    closeOptions();
  }

  private void closeOptions() {
    defaultRead.close();
    unloggedWrite.close();
    asyncWrite.close();
    syncWrite.close();
    for (int i = cfOptions.size() - 1; i >= 0; i--) cfOptions.get(i).close();
    bloom.close();
    blockCache.close();
    dbOptions.close();
  }
}
