package dev.ctxd.sync.walk;

/** Hears what the walk leaves out and how far it got. Implementations must be thread-safe. */
public interface WalkListener {
  WalkListener NONE = new WalkListener() {};

  /** A socket, FIFO or device: not part of a build context. */
  default void skippedSpecialFile(String relPath) {}

  /** Called every so often during a long walk with the entries kept so far. */
  default void walked(long entries) {}
}
