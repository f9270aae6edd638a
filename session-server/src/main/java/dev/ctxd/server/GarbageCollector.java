package dev.ctxd.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link GcPolicy} on its own thread: after builds (coalesced) and on a timer, at most
 * once per {@link #MIN_INTERVAL}. A timer run that finds no commit since the last run and
 * nothing over the limits skips the full reading of the store. Never removes what an open
 * session leases (see {@link Pruner}). The creator closes it.
 */
final class GarbageCollector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private final Pruner pruner;
  private final GcPolicy policy;
  private final Clock clock;
  private final java.util.function.LongSupplier commits;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ctxd-gc");
    t.setDaemon(true);
    return t;
  });
  private long lastRunMillis = Long.MIN_VALUE / 2; // guarded by this
  private boolean scheduled; // guarded by this
  private boolean buildSinceRun = true; // guarded by this
  private long commitsAtRun = -1;

  GarbageCollector(Pruner pruner, GcPolicy policy, Clock clock, java.util.function.LongSupplier commits) {
    this.pruner = pruner;
    this.policy = policy;
    this.clock = clock;
    this.commits = commits;
  }

  void start() {
    long period = MIN_INTERVAL.toMillis();
    thread.scheduleWithFixedDelay(this::requestRun, period, period, TimeUnit.MILLISECONDS);
  }

  /** A build finished: collect soon, but not sooner than a minute after the last run. */
  void afterBuild() {
    synchronized (this) {
      buildSinceRun = true;
    }
    requestRun();
  }

  private synchronized void requestRun() {
    if (scheduled) return;
    scheduled = true;
    long wait = Math.max(0, lastRunMillis + MIN_INTERVAL.toMillis() - clock.millis());
    try {
      thread.schedule(this::run, wait, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      scheduled = false;
    }
  }

  private void run() {
    boolean changed;
    synchronized (this) {
      scheduled = false;
      lastRunMillis = clock.millis();
      changed = buildSinceRun || commits.getAsLong() != commitsAtRun;
      buildSinceRun = false;
    }
    try {
      commitsAtRun = commits.getAsLong();
      boolean overLimits = policy.overLimits().isPresent() && (pruner.cacheBytes() > policy.maxUsedSpace() && policy.maxUsedSpace() > 0
          || pruner.freeBytes() < policy.minFreeSpace());
      if (!changed && !overLimits && !anyExpired()) return;
      PruneResult expired = pruner.prune(policy.expired(clock.instant()), true);
      long reclaimed = expired.reclaimedBytes();
      if (policy.overLimits().isPresent()) reclaimed += pruner.prune(policy.overLimits().get(), true).reclaimedBytes();
      if (reclaimed > 0) log.info("garbage collection reclaimed {} bytes", reclaimed);
    } catch (Exception | Error e) {
      log.warn("garbage collection failed (the next run tries again): {}", e.toString());
    }
  }

  private boolean anyExpired() throws dev.ctxd.cache.CacheStoreException {
    return pruner.anyUnusedSince(clock.instant().minus(policy.keepDuration()));
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
