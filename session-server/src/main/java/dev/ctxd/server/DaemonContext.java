package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.Tenant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every session of one daemon shares: the store, the materializer, the limits, and
 * which contexts open sessions hold (garbage collection must leave those alone).
 * Thread-safe.
 */
final class DaemonContext {
  static final String VERSION = "0.1.0";

  private final CacheStore store;
  private final Materializer materializer;
  private final Limits limits;
  private final Map<String, Integer> openSessions = new ConcurrentHashMap<>();
  private final DaemonMetrics metrics;
  private final dev.ctxd.cache.ChunkOwnership ownership;
  private final ChunkHasher hasher;
  private final Pruner pruner;
  private volatile GarbageCollector gc;
  // Runs the sessions' idle checks; short tasks only (see SessionPacer).
  private final java.util.concurrent.ScheduledExecutorService timer;

  DaemonContext(CacheStore store, Materializer materializer, Limits limits) throws dev.ctxd.cache.CacheStoreException {
    this(store, materializer, limits, DaemonMetrics.none());
  }

  DaemonContext(CacheStore store, Materializer materializer, Limits limits, DaemonMetrics metrics) throws dev.ctxd.cache.CacheStoreException {
    this(store, materializer, limits, metrics, ChunkHasher.XXHASH64);
  }

  /** With {@code hasher} checking uploads; tests pass one with collisions, which xxHash64 has but nobody can list. */
  DaemonContext(CacheStore store, Materializer materializer, Limits limits, DaemonMetrics metrics, ChunkHasher hasher)
      throws dev.ctxd.cache.CacheStoreException {
    this.hasher = hasher;
    this.ownership = dev.ctxd.cache.ChunkOwnership.open(store, Tenant.uid(OwnerUid.get(), true));
    this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ctxd-session-timer");
      t.setDaemon(true);
      return t;
    });
    this.store = store;
    this.materializer = materializer;
    this.limits = limits;
    this.metrics = metrics;
    this.pruner = new Pruner(store, materializer, java.time.Clock.systemUTC(), metrics);
  }

  /** df and prune for this daemon. */
  Pruner pruner() {
    return pruner;
  }

  /** Starts garbage collection by {@code policy} (nothing when it is disabled); {@link #close} stops it. */
  void startGc(GcPolicy policy) {
    if (!policy.enabled()) return;
    GarbageCollector collector = new GarbageCollector(pruner, policy, java.time.Clock.systemUTC(), store::commitCount);
    collector.start();
    gc = collector;
  }

  /** A build finished: garbage collection runs soon (at most once a minute). */
  void built() {
    GarbageCollector collector = gc;
    if (collector != null) collector.afterBuild();
  }

  /** The daemon's meters; garbage collection reports through {@link DaemonMetrics#gcRun}. */
  DaemonMetrics metrics() {
    return metrics;
  }

  /** Which tenant uploaded which chunk: sessions ask it, never the bare store, what is present. */
  dev.ctxd.cache.ChunkOwnership ownership() {
    return ownership;
  }

  ChunkHasher hasher() {
    return hasher;
  }

  CacheStore store() {
    return store;
  }

  Materializer materializer() {
    return materializer;
  }

  Limits limits() {
    return limits;
  }

  java.util.concurrent.ScheduledExecutorService timer() {
    return timer;
  }

  /** Stops the session timer; the creator calls it once the server has stopped. */
  void close() {
    GarbageCollector collector = gc;
    if (collector != null) collector.close();
    timer.shutdownNow();
  }

  void sessionOpened(String contextKey) {
    openSessions.merge(contextKey, 1, Integer::sum);
  }

  void sessionClosed(String contextKey) {
    openSessions.computeIfPresent(contextKey, (k, n) -> n == 1 ? null : n - 1);
  }

  boolean inUse(String contextKey) {
    return openSessions.containsKey(contextKey);
  }
}
