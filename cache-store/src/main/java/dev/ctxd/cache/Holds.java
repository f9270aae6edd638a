package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What garbage collection must leave alone, and the lock that makes "is it held?" and "delete
 * it" one step. Sessions take the read lock to lease a context, to pin chunks and look them up,
 * and to commit; a removal takes the write lock for each short batch it deletes, re-checking
 * leases, pins and commits made since it planned. So a chunk a session was told is present
 * stays present until that session's commit references it or its sync ends, and a commit can
 * never reference a deleted chunk (the commit's presence check and its write share one read
 * lock). Thread-safe.
 */
final class Holds {
  final ReentrantReadWriteLock gcLock = new ReentrantReadWriteLock();
  /** Counts commits; a removal re-reads the contexts whenever it moved. */
  final AtomicLong commits = new AtomicLong();
  private final Map<String, Integer> leases = new HashMap<>();
  private final Map<Long, Integer> pins = new HashMap<>();

  synchronized void lease(String contextKey) {
    leases.merge(contextKey, 1, Integer::sum);
  }

  synchronized void release(String contextKey) {
    leases.computeIfPresent(contextKey, (k, n) -> n == 1 ? null : n - 1);
  }

  synchronized boolean leased(String contextKey) {
    return leases.containsKey(contextKey);
  }

  synchronized Set<String> leasedKeys() {
    return new HashSet<>(leases.keySet());
  }

  synchronized void pin(Collection<Digest> digests) {
    for (Digest d : digests) pins.merge(d.value(), 1, Integer::sum);
  }

  synchronized void unpin(Collection<Digest> digests) {
    for (Digest d : digests) pins.computeIfPresent(d.value(), (k, n) -> n == 1 ? null : n - 1);
  }

  synchronized boolean pinned(long digest) {
    return pins.containsKey(digest);
  }

  synchronized boolean anyPinned() {
    return !pins.isEmpty();
  }

  synchronized Set<Long> pinnedDigests() {
    return new HashSet<>(pins.keySet());
  }
}
