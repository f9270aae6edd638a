package dev.ctxd.server;

import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.ContextLease;
import dev.ctxd.cache.Tenant;
import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For one session: which chunks an entry batch declares that the daemon must ask for, pinning
 * the rest through the session's lease. Not thread-safe (gRPC serialises a session's callbacks).
 */
final class ChunkPresence {
  // Below this share of the base's entries, declared chunks are looked up one by one: a
  // one-file edit of the kernel tree declares one chunk, and building the map of the base's
  // ~80k chunks cost 10-40 ms of its sync (issue 8).
  private static final int LOOKUP_SHARE = 16;
  private final DaemonContext daemon;
  private final Tenant tenant;
  private final ContextLease lease;
  private final String contextKey;
  private Manifest chunksOf; // the base baseChunkLengths describes
  private Map<Digest, Integer> baseChunkLengths;

  ChunkPresence(DaemonContext daemon, Tenant tenant, ContextLease lease, String contextKey) {
    this.daemon = daemon;
    this.tenant = tenant;
    this.lease = lease;
    this.contextKey = contextKey;
  }

  /**
   * The chunks of {@code fresh} this tenant has not uploaded itself: a digest another tenant
   * uploaded is asked for too (xxHash64 can be collided, so claiming a digest proves nothing),
   * and {@link dev.ctxd.cache.ChunkOwnership#put} then shares equal bytes and refuses different
   * ones. A present chunk must have the length its
   * entries declare: a file whose size disagrees with its chunks would otherwise be committed
   * and fail only when materialized.
   */
  List<Digest> presentOrMissing(List<Digest> fresh, Map<Digest, Integer> lengths, Map<Digest, RelPath> firstUser, Manifest base, long baseVersion)
      throws ProtocolException, CacheStoreException {
    // A base this daemon committed and still holds has every chunk stored and owned: pinned,
    // they stay so, and need no lookup (a touch of every file declares all of them again).
    Map<Digest, Integer> stored = new HashMap<>();
    List<Digest> toLookUp = fresh;
    boolean few = base == null || (long) fresh.size() * LOOKUP_SHARE < base.size();
    Map<Digest, Integer> inBase = few && chunksOf != base ? null : baseChunks(base, baseVersion);
    if (inBase != null) {
      List<Digest> known = new ArrayList<>();
      List<Digest> rest = new ArrayList<>();
      for (Digest d : fresh) (inBase.containsKey(d) ? known : rest).add(d);
      lease.pin(known);
      // Checked after pinning: the base's chunks are stored now, and pinned from here on.
      if (daemon.store().committedAndRetained(contextKey, baseVersion, base)) {
        for (Digest d : known) stored.put(d, inBase.get(d));
        toLookUp = rest;
      }
    }
    // Pinned first, so prune and GC cannot remove what the lookup found; then only what this
    // tenant uploaded itself counts as present.
    Map<Digest, Integer> looked = new HashMap<>(lease.pinAndLookup(toLookUp));
    if (!looked.isEmpty()) looked.keySet().removeAll(daemon.ownership().unowned(tenant, looked.keySet()));
    stored.putAll(looked);
    List<Digest> missing = new ArrayList<>();
    for (Digest d : fresh) {
      Integer have = stored.get(d);
      if (have == null) {
        missing.add(d);
      } else if (!have.equals(lengths.get(d))) {
        throw ProtocolException.invalid("chunk " + d + " of entry " + firstUser.get(d) + " is declared with " + lengths.get(d)
            + " bytes, but the chunk with that digest has " + have);
      }
    }
    return missing;
  }

  /**
   * The chunks of the base and their lengths when the base is one this daemon committed and
   * still holds (else null); made once per base, on first use.
   */
  private Map<Digest, Integer> baseChunks(Manifest base, long baseVersion) {
    if (base == null || !daemon.store().committedAndRetained(contextKey, baseVersion, base)) return null;
    if (chunksOf != base) {
      Map<Digest, Integer> m = new HashMap<>(base.size() * 2);
      for (Entry e : base.entries()) {
        List<Digest> chunks = e.contentChunks();
        for (int i = 0; i < chunks.size(); i++) m.put(chunks.get(i), Chunking.chunkLength(e.size(), i));
      }
      baseChunkLengths = m;
      chunksOf = base;
    }
    return baseChunkLengths;
  }

}
