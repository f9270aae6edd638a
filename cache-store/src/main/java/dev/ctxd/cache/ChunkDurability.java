package dev.ctxd.cache;

/**
 * How a chunk write reaches disk. A chunk is only useful once a commit names it, so it need
 * not be durable before that: {@link #AT_NEXT_COMMIT} skips the write-ahead log, which would
 * otherwise copy every uploaded byte a second time, and {@link CacheStore#commit} flushes the
 * memtables (all column families at once, RocksDB's atomic flush) before it writes the
 * manifest. A crash before then loses such a chunk whole (bytes, index and owner row), never
 * part of it, and the next sync asks for it again.
 */
public enum ChunkDurability {
  /** Through the WAL: survives a crash of the daemon as soon as the write returns. */
  LOGGED,
  /** Memtable only: durable after the next commit (of any context), a memtable flush or a clean close. */
  AT_NEXT_COMMIT
}
