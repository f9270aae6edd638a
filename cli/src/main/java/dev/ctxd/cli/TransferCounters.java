package dev.ctxd.cli;

import dev.ctxd.sync.ProgressListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest numbers of one sync, as its {@link ProgressListener} callbacks report them.
 * Renderers read a {@link #snapshot()} on their own thread. Thread-safe.
 */
final class TransferCounters implements ProgressListener {
  enum Phase { CONNECTING, WALKING, HASHING, UPLOADING }

  /** One consistent-enough reading of the counters; each number is cumulative. */
  record Snapshot(Phase phase, long entries, long hashedFiles, long hashedBytes, long bytesToHash,
                  long requestedChunks, long requestedBytes, long uploadedChunks, long uploadedBytes) {}

  private volatile Phase phase = Phase.CONNECTING;
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong hashedFiles = new AtomicLong();
  private final AtomicLong hashedBytes = new AtomicLong();
  private final AtomicLong bytesToHash = new AtomicLong();
  private final AtomicLong requestedChunks = new AtomicLong();
  private final AtomicLong requestedBytes = new AtomicLong();
  private final AtomicLong uploadedChunks = new AtomicLong();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final Queue<String> skippedSpecialFiles = new ConcurrentLinkedQueue<>();

  @Override
  public void skippedSpecialFile(String relPath) {
    skippedSpecialFiles.add(relPath);
  }

  /** Sockets, FIFOs and devices the walk left out, for the warnings after the build. */
  List<String> skippedSpecialFiles() {
    return List.copyOf(skippedSpecialFiles);
  }

  /** The session is open and the walk begins; until then the phase is CONNECTING. */
  void walkStarted() {
    phase = Phase.WALKING;
  }

  @Override
  public void walked(long count) {
    entries.accumulateAndGet(count, Math::max);
  }

  @Override
  public void hashingStarted(long bytes) {
    bytesToHash.set(bytes);
    phase = Phase.HASHING;
  }

  @Override
  public void hashed(long files, long bytes) {
    // Hashing threads report out of order: keep the largest.
    hashedFiles.accumulateAndGet(files, Math::max);
    hashedBytes.accumulateAndGet(bytes, Math::max);
  }

  @Override
  public void uploadStarted() {
    phase = Phase.UPLOADING;
  }

  @Override
  public void requested(long chunks, long rawBytes) {
    requestedChunks.set(chunks);
    requestedBytes.set(rawBytes);
  }

  @Override
  public void uploaded(long chunks, long rawBytes) {
    uploadedChunks.set(chunks);
    uploadedBytes.set(rawBytes);
  }

  Snapshot snapshot() {
    return new Snapshot(phase, entries.get(), hashedFiles.get(), hashedBytes.get(), bytesToHash.get(),
        requestedChunks.get(), requestedBytes.get(), uploadedChunks.get(), uploadedBytes.get());
  }
}
