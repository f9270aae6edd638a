package dev.ctxd.sync.client;

/** Why a sync ran. */
public enum Trigger {
  /** {@link Session#sync()}. */
  USER,
  /** {@link Session#build(BuildOptions)}, before the build. */
  BUILD,
  /** The watcher saw changes and the burst settled. */
  WATCH,
  /** The first sync of a watching session. */
  OPEN,
  /** Catching up after a reconnect. */
  RECONNECT
}
