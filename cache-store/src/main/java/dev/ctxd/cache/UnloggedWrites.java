package dev.ctxd.cache;

import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;

/**
 * Counts writes that skipped the WAL ({@link ChunkDurability#AT_NEXT_COMMIT}) and flushes the
 * memtables before a commit when one of them may exist only in memory. Thread-safe: a commit
 * flushes at most once for every write that returned before it started; writes racing the
 * flush are covered by the next one.
 */
final class UnloggedWrites {
  private final AtomicLong written = new AtomicLong();
  private final Object flushLock = new Object();
  private long durableUpTo; // guarded by flushLock

  /** Called once an unlogged write is in the memtable. */
  void recorded() {
    written.incrementAndGet();
  }

  /** Makes every unlogged write that returned before this call durable (no-op when there is none). */
  void makeDurable(RocksHandles rocks) throws RocksDBException {
    long upTo = written.get();
    synchronized (flushLock) {
      if (durableUpTo >= upTo) return;
      Compaction.flush(rocks); // atomic across column families: see RocksHandles
      durableUpTo = upTo;
    }
  }

  /** Whether an unlogged write may still be in memory only (tests, df). */
  boolean pending() {
    synchronized (flushLock) {
      return durableUpTo < written.get();
    }
  }
}
