package dev.ctxd.cache;

import dev.ctxd.core.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded manifests of the contexts used lately, so a sync's base, a build's manifest and the
 * copy's previous manifest cost no RocksDB read and decode (78k entries on the kernel took
 * 0.1-0.2 s each). Holds, per context, the versions the store still retains, and at most
 * {@link #maxEntries} entries in all (least recently used contexts go first).
 *
 * <p>It never serves what the store no longer holds: {@link CacheStore#commit} replaces a
 * context's versions, and a removal {@link #drop}s the context. A read that raced a drop or a
 * commit is not cached: each change bumps the context's generation, and {@link #loaded} keeps
 * only a value read at the current one.
 *
 * <p>An entry put by a commit is {@code verified}: the commit checked that every chunk it
 * references was stored (and passed the caller's check), and a retained version's chunks are
 * never removed, so a delta on top of that very object needs its new chunks checked only.
 * Thread-safe (one monitor; every operation is O(versions kept)).
 */
final class ManifestCache {
  record Cached(long version, Manifest manifest, boolean verified) {}

  private final long maxEntries;
  private final Map<String, List<Cached>> byContext = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> generations = new HashMap<>();
  private long entries;

  ManifestCache(long maxEntries) {
    this.maxEntries = maxEntries;
  }

  synchronized Cached get(String contextKey, long version) {
    List<Cached> versions = byContext.get(contextKey);
    if (versions == null) return null;
    for (Cached c : versions) if (c.version == version) return c;
    return null;
  }

  /** The generation to pass to {@link #loaded}; read it before reading the store. */
  synchronized long generation(String contextKey) {
    return generations.getOrDefault(contextKey, 0L);
  }

  /** Caches a manifest read from the store, unless the context changed since {@code generation}. */
  synchronized void loaded(String contextKey, long generation, long version, Manifest manifest) {
    if (generation(contextKey) != generation || get(contextKey, version) != null) return;
    add(contextKey, new Cached(version, manifest, false));
  }

  /** After a commit of {@code version}: caches it and forgets versions below {@code firstKept}. */
  synchronized void committed(String contextKey, long version, long firstKept, Manifest manifest, boolean verified) {
    bump(contextKey);
    List<Cached> versions = byContext.get(contextKey);
    if (versions != null) {
      for (Iterator<Cached> it = versions.iterator(); it.hasNext(); ) {
        Cached c = it.next();
        if (c.version < firstKept || c.version == version) {
          it.remove();
          entries -= c.manifest.size();
        }
      }
    }
    add(contextKey, new Cached(version, manifest, verified));
  }

  /** The context's manifests are gone (removed, or written behind the store's back). */
  synchronized void drop(String contextKey) {
    bump(contextKey);
    List<Cached> versions = byContext.remove(contextKey);
    if (versions != null) for (Cached c : versions) entries -= c.manifest.size();
  }

  synchronized void clear() {
    for (String key : new ArrayList<>(byContext.keySet())) drop(key);
  }

  private void add(String contextKey, Cached c) {
    if (c.manifest.size() > maxEntries) return;
    byContext.computeIfAbsent(contextKey, k -> new ArrayList<>(2)).add(c);
    entries += c.manifest.size();
    for (Iterator<Map.Entry<String, List<Cached>>> it = byContext.entrySet().iterator(); entries > maxEntries && it.hasNext(); ) {
      Map.Entry<String, List<Cached>> eldest = it.next();
      List<Cached> versions = eldest.getValue();
      while (!versions.isEmpty() && entries > maxEntries) entries -= versions.remove(0).manifest.size();
      if (versions.isEmpty()) it.remove();
    }
  }

  private void bump(String contextKey) {
    generations.merge(contextKey, 1L, Long::sum);
  }
}
