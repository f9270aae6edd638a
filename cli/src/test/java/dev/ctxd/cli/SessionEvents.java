package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionListener;
import dev.ctxd.sync.client.SyncSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a session's events for tests: wait for one that matches, with a deadline, never a sleep. */
final class SessionEvents implements SessionListener {
  private final LinkedBlockingQueue<SessionEvent> queue = new LinkedBlockingQueue<>();
  final List<SessionEvent> seen = new ArrayList<>();

  @Override
  public void onEvent(SessionEvent event) {
    if (event instanceof SessionEvent.Walking || event instanceof SessionEvent.Hashing || event instanceof SessionEvent.Uploading) return;
    queue.add(event);
  }

  /** The next event of {@code type} matching {@code test}, skipping others. */
  <T extends SessionEvent> T await(Class<T> type, Predicate<T> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      SessionEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      assertThat(e).as("no %s matching within %s; events so far: %s", type.getSimpleName(), timeout, seen).isNotNull();
      seen.add(e);
      if (type.isInstance(e) && test.test(type.cast(e))) return type.cast(e);
    }
  }

  SyncSummary awaitSynced(Predicate<SyncSummary> test, Duration timeout) throws InterruptedException {
    return await(SessionEvent.Synced.class, s -> test.test(s.summary()), timeout).summary();
  }

  /** True when no event of {@code type} arrives within {@code window} (a timed wait on the queue). */
  boolean noneWithin(Class<? extends SessionEvent> type, Duration window) throws InterruptedException {
    long deadline = System.nanoTime() + window.toNanos();
    for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      SessionEvent e = queue.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) return true;
      seen.add(e);
      if (type.isInstance(e)) return false;
    }
    return true;
  }

  /** Events that arrived and were not yet taken, without waiting. */
  List<SessionEvent> drainNow() {
    List<SessionEvent> out = new ArrayList<>();
    queue.drainTo(out);
    seen.addAll(out);
    return out;
  }
}
