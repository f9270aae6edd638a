package dev.ctxd.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one materialization's file writes on a few threads: a copy of many small files is
 * bound by per-file system calls, which overlap well. At most {@link #IN_FLIGHT} writes are
 * queued, each holding at most one chunk, so memory stays flat. The first failure stops new
 * writes and is thrown by {@link #awaitAll}. One instance per materialization, used by one
 * submitting thread; closing it waits for the running writes and ends the threads.
 */
final class ParallelWrites implements AutoCloseable {
  /** The writer threads: each copy has some, and the machine's cores bound what they gain. */
  static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final int IN_FLIGHT = 256;
  private static final AtomicInteger POOLS = new AtomicInteger();

  interface Write {
    void run() throws IOException;
  }

  private final ThreadPoolExecutor pool;
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closed;

  ParallelWrites(int threads) {
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "ctxd-materialize-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues a write; throws the failure of an earlier one instead once one failed. */
  void submit(Write write) throws IOException {
    rethrow();
    slots.acquireUninterruptibly();
    pool.execute(() -> {
      try {
        if (failure.get() == null && !closed) write.run();
      } catch (IOException | RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      } finally {
        slots.release();
      }
    });
  }

  /** Waits until every queued write is done; throws the first failure. */
  void awaitAll() throws IOException {
    slots.acquireUninterruptibly(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    rethrow();
  }

  private void rethrow() throws IOException {
    Throwable t = failure.get();
    if (t == null) return;
    if (t instanceof IOException io) throw io;
    if (t instanceof UncheckedIOException u) throw u.getCause();
    if (t instanceof RuntimeException r) throw r;
    throw (Error) t;
  }

  @Override
  public void close() {
    closed = true; // writes still queued when the materialization failed are dropped
    pool.shutdown();
    try {
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) pool.shutdownNow();
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
