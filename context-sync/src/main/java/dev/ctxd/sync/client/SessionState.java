package dev.ctxd.sync.client;

/**
 * Where a {@link Session} is in its life. {@code READY} ⇄ {@code SYNCING}/{@code BUILDING}
 * while operations run one at a time; {@code RECONNECTING} after the connection dropped, until
 * the background loop reaches the daemon again; {@code CLOSED} is final.
 */
public enum SessionState {
  /** Connected, nothing running. */
  READY,
  /** A sync (the user's, or the watcher's) is running. */
  SYNCING,
  /** A build (a sync, then the daemon's materialization) is running. */
  BUILDING,
  /** The connection is lost; retrying with backoff. Calls fail fast with {@code UNAVAILABLE}. */
  RECONNECTING,
  /** {@link Session#close()} was called; every later call throws {@link SessionClosedException}. */
  CLOSED
}
