package dev.ctxd.sync;

import dev.ctxd.sync.scan.ScanListener;
import dev.ctxd.sync.upload.UploadListener;

/**
 * Hears one sync from start to end: the walk and hashing ({@link ScanListener}), the moment
 * the upload starts, what the daemon asked for and what was sent ({@link UploadListener}).
 * Pass it to {@link ContextSession#sync(dev.ctxd.ignore.ContextFilter, boolean, boolean,
 * ProgressListener)}; the cli renders it.
 *
 * <p>Counters are cumulative for the sync. Implementations must be thread-safe: hashing
 * reports from many threads, uploading from the session's thread; keep callbacks cheap.
 */
public interface ProgressListener extends ScanListener, UploadListener {
  ProgressListener NONE = new ProgressListener() {};

  /** Walking and hashing are done; entries are about to go to the daemon. */
  default void uploadStarted() {}

  @Override
  default void uploaded(long chunks, long rawBytes) {}
}
