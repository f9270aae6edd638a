package dev.ctxd.server;

import dev.ctxd.cache.ApparentSize;
import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.Removal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ctx system df} and {@code ctx prune} for one daemon, and the work of its garbage
 * collector. A prune plans from one reading of the cache ({@link PrunePlan}), has the store
 * delete what is still unleased and unreferenced ({@link CacheStore#remove}), deletes the
 * materialized copies under their build locks, then compacts so the disk space really returns.
 *
 * <p>Thread-safe: prunes run one at a time; uploads and builds go on beside them.
 */
public final class Pruner {
  private static final Logger log = LoggerFactory.getLogger(Pruner.class);

  private final CacheStore store;
  private final Materializer materializer;
  private final Path root;
  private final Clock clock;
  private final DaemonMetrics metrics;
  private final ReentrantLock running = new ReentrantLock();

  Pruner(CacheStore store, Materializer materializer, Clock clock, DaemonMetrics metrics) {
    this.store = store;
    this.materializer = materializer;
    this.root = materializer.contextsDir().getParent();
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The df report of a state directory whose store is open (read-only for a stopped daemon). */
  public static UsageReport report(CacheStore store, Path stateRoot, Instant now) throws CacheStoreException {
    return new CacheModel(store.usage(), StateFiles.measure(stateRoot), now).report();
  }

  UsageReport report() throws CacheStoreException {
    return report(store, root, clock.instant());
  }

  /** Bytes the state directory occupies now ({@code du -sb}). */
  long diskBytes() {
    return ApparentSize.of(root);
  }

  /** Bytes space limits measure now: the state directory without the daemon's own files ({@link CacheModel#cacheBytes}). */
  long cacheBytes() {
    return StateFiles.measure(root).cacheBytes();
  }

  /** Whether some context no session leases was last used before {@code cutoff} (cheap: context records only). */
  boolean anyUnusedSince(Instant cutoff) throws CacheStoreException {
    for (var r : store.contexts()) if (r.lastUsed().isBefore(cutoff) && !store.leased(r.key())) return true;
    return false;
  }

  long freeBytes() {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unknown: no min-free-space pressure
    }
  }

  /**
   * Removes what {@code options} allow. {@code collector} marks the daemon's own GC: it
   * relocates live blobs only when it freed a tenth of the store, where an explicit prune always
   * does, so that the disk space of every deleted chunk returns now.
   */
  PruneResult prune(PruneOptions options, boolean collector) throws CacheStoreException, IOException {
    running.lock();
    try {
      CacheModel model = new CacheModel(store.usage(), StateFiles.measure(root), clock.instant());
      long before = model.diskBytes();
      PrunePlan plan = PrunePlan.make(model, options, freeBytes());
      if (plan.removed.isEmpty()) return new PruneResult(List.of(), 0, before, before);
      Removal removal = store.remove(new Removal.Request(model.usage, plan.contexts, plan.chunks));
      Set<String> contextsGone = new HashSet<>(removal.contexts());
      Set<String> copiesGone = removeCopies(plan, contextsGone);
      boolean storeChanged = !removal.contexts().isEmpty() || !removal.chunks().isEmpty() || plan.unreferenced;
      if (storeChanged) store.compact(!collector || plan.bytes * 10 >= model.usage.diskBytes());
      List<UsageReport.Record> done = new ArrayList<>();
      long reclaimed = 0;
      for (UsageReport.Record r : plan.removed) {
        boolean happened = switch (r.type()) {
          case UsageReport.CONTEXT -> contextsGone.contains(r.context());
          case UsageReport.MATERIALIZED -> copiesGone.contains(r.id());
          default -> !removal.chunks().isEmpty() || model.reclaimableGarbage() > 0;
        };
        if (!happened) continue;
        done.add(r);
        reclaimed += r.size();
      }
      long after = diskBytes();
      metrics.gcRun(reclaimed);
      log.info("{} removed {} record(s), {} bytes by estimate; state directory {} -> {} bytes; longest GC lock hold {} ms",
          collector ? "garbage collection" : "prune", done.size(), reclaimed, before, after, removal.longestLockNanos() / 1_000_000.0);
      return new PruneResult(done, reclaimed, before, after);
    } finally {
      running.unlock();
    }
  }

  private Set<String> removeCopies(PrunePlan plan, Set<String> contextsGone) throws IOException {
    Set<String> planned = new HashSet<>(plan.contexts);
    Set<String> gone = new HashSet<>();
    for (PrunePlan.Copy c : plan.copies) {
      boolean removed = materializer.removeCopy(c.id(), () -> {
        if (c.contextKey().isEmpty()) return noContextWithId(c.id());
        if (store.leased(c.contextKey())) return false;
        return !planned.contains(c.contextKey()) || contextsGone.contains(c.contextKey());
      });
      if (removed) gone.add(c.id());
    }
    return gone;
  }

  private boolean noContextWithId(String id) {
    try {
      return store.contexts().stream().noneMatch(r -> r.id().hex().equals(id));
    } catch (CacheStoreException e) {
      return false; // unsure: keep the copy
    }
  }
}
