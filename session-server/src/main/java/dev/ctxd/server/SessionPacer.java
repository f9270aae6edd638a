package dev.ctxd.server;

import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces one session's reads and watches it for idleness.
 *
 * <p>Memory: the handler asks for each client message itself (auto-request off), one at a
 * time, so at most one message (under the channel's message-size limit) plus the HTTP/2 window
 * is buffered inbound; while chunks stream, a window of a few messages ({@link #window}) lets
 * gRPC deliver the next ones without a round trip to the transport thread for each. Outbound, a reply the client has not read stops the reading when the
 * session is between exchanges (the client must read each reply before its next request), so a
 * client that stops reading cannot make the daemon queue replies; within a sync the client may
 * send every entry before reading MissingChunks, so there the outbound queue is left to grow,
 * bounded by the entry and byte limits.
 *
 * <p>Idleness: a session that has not had a message for the idle timeout, while the daemon was
 * not busy with its last one, is ended through {@code onIdle}; that covers a client that stops
 * writing and, through the read stop above, one that stops reading.
 *
 * <p>Thread-safety: gRPC serialises the handler's callbacks; the idle watch runs on the timer
 * thread and takes the same lock, without waiting for it (a busy session is not idle).
 */
final class SessionPacer {
  private final ServerCallStreamObserver<?> out;
  private final ReentrantLock lock = new ReentrantLock();
  private final long idleNanos;
  private final ScheduledFuture<?> watch;
  private final Runnable onIdle;
  private volatile long lastHeardNanos = System.nanoTime();
  private boolean waitingForReader;
  private boolean stopped;
  private int window = 1;   // messages gRPC may deliver ahead of the handler
  private int outstanding;  // requested from gRPC, not yet delivered

  SessionPacer(ServerCallStreamObserver<?> out, Duration idleTimeout, ScheduledExecutorService timer, Runnable onIdle) {
    this.out = out;
    this.idleNanos = idleTimeout.toNanos();
    this.onIdle = onIdle;
    out.disableAutoRequest();
    out.setOnReadyHandler(this::readerCaughtUp);
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(5), idleNanos / 4);
    this.watch = timer.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.NANOSECONDS);
    outstanding = 1;
    out.request(1);
  }

  /** A client message arrived (called under {@link #enter}, before the handler works on it). */
  void delivered() {
    if (outstanding > 0) outstanding--;
  }

  /**
   * Lets gRPC deliver up to {@code messages} ahead of the handler from now on (1 between
   * exchanges). Bounded: each message is under the channel's size limit. Called under {@link #enter}.
   */
  void window(int messages) {
    window = Math.max(1, messages);
  }

  /** Taken while the handler works on a message or ends the session. */
  void enter() {
    lock.lock();
  }

  /**
   * Ends the work on a message and asks for the next one, at once or, when {@code exchange}
   * and the client has not read the replies, once it has.
   */
  void exit(boolean exchange) {
    try {
      lastHeardNanos = System.nanoTime();
      if (stopped) return;
      if (exchange && !out.isReady()) {
        waitingForReader = true;
      } else {
        topUp();
      }
    } finally {
      lock.unlock();
    }
  }

  // Asks again only once half the window is used: one request per few messages.
  private void topUp() {
    if (outstanding <= window / 2) {
      int more = window - outstanding;
      outstanding += more;
      out.request(more);
    }
  }

  /** The session ended: no more requests, no more idle checks. Idempotent. */
  void stop() {
    stopped = true;
    watch.cancel(false);
  }

  static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private void readerCaughtUp() {
    lock.lock();
    try {
      if (waitingForReader && !stopped && out.isReady()) {
        waitingForReader = false;
        lastHeardNanos = System.nanoTime();
        topUp();
      }
    } finally {
      lock.unlock();
    }
  }

  private void checkIdle() {
    if (!lock.tryLock()) return;
    try {
      if (!stopped && System.nanoTime() - lastHeardNanos >= idleNanos) {
        stop();
        onIdle.run();
      }
    } finally {
      lock.unlock();
    }
  }
}
