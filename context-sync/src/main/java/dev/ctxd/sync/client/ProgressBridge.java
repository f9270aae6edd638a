package dev.ctxd.sync.client;

import dev.ctxd.sync.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Turns one sync's progress callbacks into {@link SessionEvent}s. Thread-safe. */
final class ProgressBridge implements ProgressListener {
  private final Consumer<SessionEvent> emit;
  private final AtomicLong toHash = new AtomicLong();
  private final AtomicLong chunksRequested = new AtomicLong();
  private final AtomicLong bytesRequested = new AtomicLong();
  private volatile boolean talking;

  ProgressBridge(Consumer<SessionEvent> emit) {
    this.emit = emit;
  }

  @Override
  public void walked(long entries) {
    emit.accept(new SessionEvent.Walking(entries));
  }

  @Override
  public void hashingStarted(long bytesToHash) {
    toHash.set(bytesToHash);
    emit.accept(new SessionEvent.Hashing(0, 0, bytesToHash));
  }

  @Override
  public void hashed(long files, long bytes) {
    emit.accept(new SessionEvent.Hashing(files, bytes, toHash.get()));
  }

  @Override
  public void uploadStarted() {
    talking = true;
    emit.accept(new SessionEvent.Uploading(0, 0, 0, 0));
  }

  /** True once the sync began talking to the daemon: a failure after it leaves the stream unusable. */
  boolean talking() {
    return talking;
  }

  @Override
  public void requested(long chunks, long rawBytes) {
    chunksRequested.set(chunks);
    bytesRequested.set(rawBytes);
  }

  @Override
  public void uploaded(long chunks, long rawBytes) {
    emit.accept(new SessionEvent.Uploading(chunks, rawBytes, chunksRequested.get(), bytesRequested.get()));
  }
}
