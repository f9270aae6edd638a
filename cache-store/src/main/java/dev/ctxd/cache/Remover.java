package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Carries out a {@link Removal.Request} in short steps under the write half of
 * {@link Holds#gcLock}: one step deletes the planned contexts that are still unleased and
 * unchanged (their manifests by one deleteRange); then each step deletes up to {@value #BATCH}
 * chunks. Before each chunk step it spares what is pinned, what the spared contexts reference,
 * and, when commits happened since the plan's snapshot, what any context changed since then
 * references now. Between steps sessions run, so an upload waits at most one step.
 */
final class Remover {
  static final int BATCH = 4096;

  private final CacheStore store;
  private final RocksHandles rocks;
  private final Holds holds;

  Remover(CacheStore store, RocksHandles rocks, Holds holds) {
    this.store = store;
    this.rocks = rocks;
    this.holds = holds;
  }

  Removal run(Removal.Request request) throws RocksDBException, CacheStoreException {
    Map<String, StoreUsage.ContextUsage> planned = new HashMap<>();
    for (StoreUsage.ContextUsage c : request.basis().contexts()) planned.put(c.record().key(), c);
    List<String> removed = new ArrayList<>();
    Set<Long> keep = new HashSet<>();
    Lock write = holds.gcLock.writeLock();
    long longest = 0;
    write.lock();
    long lockedAt = System.nanoTime();
    try (WriteBatch batch = new WriteBatch()) {
      for (String key : request.contexts()) {
        StoreUsage.ContextUsage seen = planned.get(key);
        ContextRecord now = store.readContext(key);
        if (seen == null || now == null || holds.leased(key) || !now.equals(seen.record())) {
          if (seen != null) for (long d : seen.chunks()) keep.add(d);
          continue;
        }
        ContextId id = now.id();
        batch.deleteRange(rocks.cf(Column.MANIFESTS), Keys.manifest(id, 0), Keys.manifest(id, Long.MAX_VALUE));
        batch.delete(rocks.cf(Column.CONTEXTS), Keys.context(id));
        removed.add(key);
      }
      if (batch.count() > 0) rocks.db.write(rocks.syncWrite, batch);
      for (String key : removed) {
        store.manifestCache().drop(key); // a context made again under this key starts at version 1
        store.encodings().forget(key);
      }
    } finally {
      write.unlock();
      longest = System.nanoTime() - lockedAt;
    }
    Set<Long> deleted = new HashSet<>();
    List<Long> candidates = new ArrayList<>(request.chunks());
    long commitsSeen = request.basis().commitCount();
    Set<Long> referencedSince = new HashSet<>();
    for (int from = 0; from < candidates.size(); from += BATCH) {
      write.lock();
      lockedAt = System.nanoTime();
      try (WriteBatch batch = new WriteBatch()) {
        long commits = holds.commits.get();
        if (commits != commitsSeen) {
          referencedSince = referencedByChanged(planned);
          commitsSeen = commits;
        }
        for (long d : candidates.subList(from, Math.min(candidates.size(), from + BATCH))) {
          if (keep.contains(d) || referencedSince.contains(d) || holds.pinned(d)) continue;
          byte[] key = Keys.u64(d);
          batch.delete(rocks.cf(Column.CHUNKS), key);
          batch.delete(rocks.cf(Column.CHUNK_INDEX), key);
          // In the same batch: a later upload under this digest must start unowned.
          ChunkOwnership.deleteOwners(rocks, batch, new Digest(d));
          deleted.add(d);
        }
        if (batch.count() > 0) rocks.db.write(rocks.syncWrite, batch);
      } finally {
        write.unlock();
        longest = Math.max(longest, System.nanoTime() - lockedAt);
      }
    }
    return new Removal(removed, deleted, longest);
  }

  /** Chunks referenced now by contexts that are new or changed since the plan's snapshot. */
  private Set<Long> referencedByChanged(Map<String, StoreUsage.ContextUsage> planned) throws RocksDBException, CacheStoreException {
    Set<Long> refs = new HashSet<>();
    for (ContextRecord now : store.contextsUnguarded()) {
      StoreUsage.ContextUsage seen = planned.get(now.key());
      if (seen != null && seen.record().equals(now)) continue;
      try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.MANIFESTS))) {
        byte[] prefix = Keys.context(now.id());
        for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
          Manifest m = ManifestCodec.decode(it.value(), "manifests/" + Keys.describeManifest(it.key()));
          for (Entry e : m.entries()) for (Digest d : e.contentChunks()) refs.add(d.value());
        }
        it.status();
      }
    }
    return refs;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (key[i] != prefix[i]) return false;
    return true;
  }
}
