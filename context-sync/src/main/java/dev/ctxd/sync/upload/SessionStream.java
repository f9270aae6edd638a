package dev.ctxd.sync.upload;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session's bidirectional stream, made blocking for one caller thread: {@link #send}
 * waits while gRPC's outbound buffer is full (flow control), {@link #receive} waits for the
 * daemon's next message. Counts the bytes each way.
 *
 * <p>The stream itself has no deadline, since an IDE keeps a session open for hours; every
 * wait has a timeout instead.
 */
final class SessionStream {
  /** gRPC's length-prefixed framing adds 5 bytes to every message. */
  private static final int FRAME_HEADER_BYTES = 5;
  private static final Object END = new Object();
  /**
   * {@link #send} blocks once this much is queued for the socket. gRPC's default (32 KiB, less
   * than one chunk) let the socket idle while the next chunk was read; this keeps a few chunks
   * in flight and bounds the memory they hold.
   */
  static final int ON_READY_BYTES = 4 << 20;

  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Object readiness = new Object();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final Duration timeout;
  private volatile ClientCallStreamObserver<ClientMessage> outbound;
  private volatile boolean closed;
  private volatile Runnable onEnd = () -> {};
  private volatile boolean ended;

  SessionStream(ContextServiceGrpc.ContextServiceStub stub, Duration timeout) {
    this.timeout = timeout;
    stub.withOnReadyThreshold(ON_READY_BYTES).session(new ClientResponseObserver<ClientMessage, ServerMessage>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ClientMessage> requestStream) {
        outbound = requestStream;
        requestStream.setOnReadyHandler(() -> {
          synchronized (readiness) {
            readiness.notifyAll();
          }
        });
      }

      @Override
      public void onNext(ServerMessage message) {
        bytesReceived.addAndGet(message.getSerializedSize() + FRAME_HEADER_BYTES);
        inbox.add(message);
      }

      @Override
      public void onError(Throwable t) {
        inbox.add(t);
        wakeSenders();
      }

      @Override
      public void onCompleted() {
        inbox.add(END);
        wakeSenders();
      }
    });
  }

  private void wakeSenders() {
    closed = true;
    synchronized (readiness) {
      readiness.notifyAll();
    }
    ended = true;
    onEnd.run();
  }

  /** Runs {@code hook} (on a gRPC thread; keep it short) when the daemon ends the stream or the connection drops. */
  void onEnd(Runnable hook) {
    onEnd = hook;
    if (ended) hook.run(); // ended before the hook was set; the hook may run twice, so it must be idempotent
  }

  void send(ClientMessage message) throws SyncException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (readiness) {
      while (!outbound.isReady()) {
        if (closed) throw failureOrClosed();
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new SyncException("DEADLINE_EXCEEDED", "the daemon stopped reading for " + timeout.toSeconds() + "s");
        try {
          readiness.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SyncException("CANCELLED", "interrupted while sending to the daemon");
        }
      }
    }
    bytesSent.addAndGet(message.getSerializedSize() + FRAME_HEADER_BYTES);
    outbound.onNext(message);
  }

  ServerMessage receive() throws SyncException {
    Object next;
    try {
      next = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException("CANCELLED", "interrupted while waiting for the daemon");
    }
    if (next == null) throw new SyncException("DEADLINE_EXCEEDED", "the daemon did not answer within " + timeout.toSeconds() + "s");
    if (next instanceof ServerMessage m) return m;
    inbox.add(next); // keep the end visible to later calls
    throw toException(next);
  }

  /** A message that is already waiting, or null; never blocks. */
  ServerMessage poll() throws SyncException {
    Object next = inbox.peek();
    if (next == null) return null;
    if (next instanceof ServerMessage) return (ServerMessage) inbox.poll();
    throw toException(next);
  }

  private SyncException failureOrClosed() {
    // Replies may still wait ahead of the end: the end is the first item that is not one.
    for (Object item : inbox) {
      if (!(item instanceof ServerMessage)) return toException(item);
    }
    return new SyncException("UNAVAILABLE", "the session with the daemon ended");
  }

  private static SyncException toException(Object item) {
    if (item == END) return new SyncException("UNAVAILABLE", "the daemon ended the session");
    Throwable t = (Throwable) item;
    Status status = Status.fromThrowable(t);
    String description = status.getDescription() != null ? status.getDescription() : String.valueOf(status.getCode());
    if (t instanceof StatusRuntimeException && status.getCode() == Status.Code.UNAVAILABLE) {
      return new SyncException("UNAVAILABLE", "lost the connection to the daemon: " + description, t);
    }
    return new SyncException(status.getCode().name(), description, t);
  }

  long bytesSent() {
    return bytesSent.get();
  }

  long bytesReceived() {
    return bytesReceived.get();
  }

  void close() {
    if (!closed) {
      closed = true;
      try {
        outbound.onCompleted();
      } catch (IllegalStateException alreadyDone) {
        // the call already ended; nothing to close
      }
    }
  }

  void cancel(String why) {
    closed = true;
    outbound.cancel(why, null);
  }
}
