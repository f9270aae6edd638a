package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's hold on one context: while open, neither {@code ctx prune} nor garbage
 * collection removes the context, its manifests, its materialized copy or its chunks; chunks
 * pinned through it (those a sync declared) stay until {@link #unpinAll()} or close, so a
 * chunk the daemon reported present cannot vanish before the commit that references it.
 *
 * <p>Thread-safe. The session that took it closes it; {@code close()} is idempotent.
 */
public final class ContextLease implements AutoCloseable {
  private final CacheStore store;
  private final Holds holds;
  private final String contextKey;
  private final Set<Digest> pinned = new HashSet<>();
  private boolean closed;

  ContextLease(CacheStore store, Holds holds, String contextKey) {
    this.store = store;
    this.holds = holds;
    this.contextKey = contextKey;
  }

  public String contextKey() {
    return contextKey;
  }

  /**
   * Pins {@code digests} and returns the stored length of each one the store holds (see
   * {@link CacheStore#chunkLengths}). Pin and lookup happen under the collector's read lock:
   * a chunk reported present here is not deleted while pinned. (A pin whose lookup then fails
   * stays until {@link #unpinAll}: it only delays collection.)
   */
  public synchronized Map<Digest, Integer> pinAndLookup(Collection<Digest> digests) throws CacheStoreException {
    if (closed) throw new IllegalStateException("lease of context '" + contextKey + "' is closed");
    List<Digest> fresh = new ArrayList<>();
    for (Digest d : digests) if (pinned.add(d)) fresh.add(d);
    return store.pinAndLookup(fresh, digests);
  }

  /**
   * Pins {@code digests} without looking them up: for chunks the caller knows are stored (a
   * retained version references them), so that they stay stored until the sync ends.
   */
  public synchronized void pin(Collection<Digest> digests) throws CacheStoreException {
    if (closed) throw new IllegalStateException("lease of context '" + contextKey + "' is closed");
    List<Digest> fresh = new ArrayList<>();
    for (Digest d : digests) if (pinned.add(d)) fresh.add(d);
    store.pinAndLookup(fresh, List.of());
  }

  /** Releases every pin (a sync ended: committed, abandoned or failed). */
  public synchronized void unpinAll() {
    holds.unpin(pinned);
    pinned.clear();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    unpinAll();
    holds.release(contextKey);
  }
}
