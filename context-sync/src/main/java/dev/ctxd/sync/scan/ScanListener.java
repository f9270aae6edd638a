package dev.ctxd.sync.scan;

import dev.ctxd.sync.walk.WalkListener;

/** Hears a scan's progress. Implementations must be thread-safe: hashing runs on many threads. */
public interface ScanListener extends WalkListener {
  ScanListener NONE = new ScanListener() {};

  /** The walk is done; this many bytes of changed files are to be hashed. */
  default void hashingStarted(long bytesToHash) {}

  default void hashed(long files, long bytes) {}
}
