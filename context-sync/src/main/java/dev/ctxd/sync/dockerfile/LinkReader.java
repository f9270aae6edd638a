package dev.ctxd.sync.dockerfile;

import java.util.List;

/**
 * The three filesystem questions {@link FollowLinks} asks about a build context. Paths are
 * context-relative, {@code /}-separated, without a leading {@code /}; {@code "."} is the root.
 * Implementations must not follow a symlink in the last component. I/O failures are reported as
 * unchecked exceptions (for example {@link java.io.UncheckedIOException}).
 */
public interface LinkReader {
  /** The link text if {@code relPath} is a symlink; null if it is not one or does not exist. */
  String readLink(String relPath);

  /** The entry names of directory {@code dirRelPath}; empty if it is missing or not a dir. */
  List<String> list(String dirRelPath);

  /** Whether {@code relPath} exists (an lstat: a dangling symlink exists). */
  boolean exists(String relPath);
}
