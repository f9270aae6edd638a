package dev.ctxd.sync.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code onDue} on the session's worker once a {@link Debouncer}'s burst is due: one
 * check is scheduled at a time, for the burst's current due time, and re-scheduled while
 * events keep pushing it later. Thread-safe; stops with the worker.
 */
final class DebounceTimer {
  private final Debouncer debouncer;
  private final ScheduledExecutorService worker;
  private final Runnable onDue;
  private ScheduledFuture<?> check; // guarded by this

  DebounceTimer(Debouncer debouncer, ScheduledExecutorService worker, Runnable onDue) {
    this.debouncer = debouncer;
    this.worker = worker;
    this.onDue = onDue;
  }

  /** A change was seen now. */
  void changed() {
    debouncer.changed(System.nanoTime());
    schedule();
  }

  /** The caller's operation syncs whatever is pending. */
  void takeNow() {
    debouncer.takeNow();
  }

  private synchronized void schedule() {
    if (check != null) return;
    long delay = Math.max(0, debouncer.dueAt() - System.nanoTime());
    try {
      check = worker.schedule(this::check, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // the session closed meanwhile
    }
  }

  private void check() {
    synchronized (this) {
      check = null;
    }
    if (debouncer.takeIfDue(System.nanoTime())) {
      onDue.run();
    } else if (debouncer.pending()) {
      schedule();
    }
  }
}
