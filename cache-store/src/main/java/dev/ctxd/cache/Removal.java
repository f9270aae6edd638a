package dev.ctxd.cache;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What {@link CacheStore#remove} actually removed: the contexts (by key) and the chunks (raw
 * digest values). A context planned for removal is spared when a session leased it or it
 * changed (committed, used) since the {@link StoreUsage} the plan came from; a chunk is spared
 * when something pins or references it by then. {@code longestLockNanos} is the longest step
 * under the write lock, the longest a session's lookup or commit could have waited. Immutable.
 */
public record Removal(List<String> contexts, Set<Long> chunks, long longestLockNanos) {
  public Removal {
    contexts = List.copyOf(contexts);
    chunks = Set.copyOf(chunks);
  }

  /** What a plan asks {@link CacheStore#remove} to delete. */
  public record Request(StoreUsage basis, Collection<String> contexts, Collection<Long> chunks) {}
}
