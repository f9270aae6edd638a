package dev.ctxd.cache;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialise read-modify-write updates of one context (commit, touch)
 * without a lock object per key: two keys may share a stripe, which only costs concurrency.
 */
final class KeyLocks {
  private static final int STRIPES = 64; // a power of two, see index()
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  KeyLocks() {
    for (int i = 0; i < STRIPES; i++) locks[i] = new ReentrantLock();
  }

  ReentrantLock forKey(ContextId id) {
    return locks[index(id.hashCode())];
  }

  private static int index(int hash) {
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }
}
