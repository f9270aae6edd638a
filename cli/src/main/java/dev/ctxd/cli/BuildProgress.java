package dev.ctxd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What {@code ctx build} shows while it works: numbered steps in BuildKit's manner, and
 * during the context transfer the latest {@link TransferCounters}, redrawn by a ticker
 * thread so a long walk or upload reports at least once a second. Subclasses render (plain
 * lines, a live terminal view, JSON events, nothing) to stderr; the result line stays on
 * stdout and is the caller's.
 *
 * <p>Steps are driven from one thread; rendering is synchronized against the ticker. The
 * creator closes it, which stops the ticker and draws the final state.
 */
abstract class BuildProgress implements AutoCloseable {
  /** One numbered step, as {@code #3 [internal] load build context}. */
  record Step(int id, String name, long startedNanos) {}

  final TransferCounters counters = new TransferCounters();
  final LongSupplier clock;
  final long startedNanos;
  private ScheduledExecutorService ticker;
  private int nextId = 1;
  private Step current;
  private Step transfer;
  private boolean closed;

  BuildProgress(LongSupplier clock) {
    this.clock = clock;
    this.startedNanos = clock.getAsLong();
  }

  /**
   * The renderer for {@code mode}, writing to {@code err}. AUTO is TTY when stderr is a
   * terminal, whatever stdout is (as BuildKit decides on its progress stream), else PLAIN.
   */
  static BuildProgress create(ProgressMode mode, PrintStream err) {
    return create(mode, err, System::nanoTime);
  }

  /** As {@link #create(ProgressMode, PrintStream)}, stamping events with {@code clock}'s nanoseconds. */
  static BuildProgress create(ProgressMode mode, PrintStream err, LongSupplier clock) {
    BuildProgress progress = switch (mode) {
      case TTY, AUTO -> TtyProgress.open(err, clock);
      case PLAIN -> new PlainProgress(err, clock);
      case RAWJSON -> new JsonProgress(err, clock);
      case QUIET -> new QuietProgress(clock);
    };
    long period = progress.tickMillis();
    if (period > 0) progress.startTicker(period);
    return progress;
  }

  private void startTicker(long periodMillis) {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ctx-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts the next step; a step still open is done first. */
  final synchronized void step(String name) {
    if (current != null) done();
    current = new Step(nextId++, name, clock.getAsLong());
    started(current);
  }

  /** Marks the current step as the context transfer, whose counters the ticker reports. */
  final synchronized void transferring() {
    transfer = current;
  }

  /** A line of detail under the current step. */
  final synchronized void log(String text) {
    if (current != null) logged(current, text);
  }

  final synchronized void done() {
    if (current == null) return;
    if (current == transfer) transfer = null;
    finished(current, clock.getAsLong() - current.startedNanos(), null);
    current = null;
  }

  final synchronized void failed(String message) {
    if (current == null) return;
    if (current == transfer) transfer = null;
    finished(current, clock.getAsLong() - current.startedNanos(), message);
    current = null;
  }

  /** The build's numbers, the same object the metadata file holds. */
  synchronized void result(ObjectNode metadata) {}

  private synchronized void tick() {
    if (closed) return;
    try {
      progressed(transfer, counters.snapshot());
    } catch (RuntimeException e) {
      // A rendering glitch must not stop the ticker or the build.
    }
  }

  /** How often the ticker draws; 0 for never. */
  abstract long tickMillis();

  abstract void started(Step step);

  abstract void logged(Step step, String text);

  /** {@code error} is null for success. */
  abstract void finished(Step step, long elapsedNanos, String error);

  /** The ticker's call; {@code transfer} is null outside the context transfer. */
  abstract void progressed(Step transfer, TransferCounters.Snapshot counters);

  /** Draws the final state; called once, after the ticker stopped. */
  void closing() {}

  @Override
  public final void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (closed) return;
      closed = true;
      closing();
    }
  }
}
