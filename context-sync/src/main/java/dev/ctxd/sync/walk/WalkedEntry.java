package dev.ctxd.sync.walk;

import dev.ctxd.core.RelPath;
import java.nio.file.Path;

/**
 * One entry the walk keeps, in send order. {@code hardlinkTo} names the first kept name of the
 * same inode when this entry is a later name of a hard-linked file, else null.
 * {@code linkTarget} is a symlink's text, else null. The entry keeps the walk's root rather
 * than its own {@link Path}: a no-change build opens none of its files, and making 80k Paths
 * was a tenth of the walk.
 */
public record WalkedEntry(RelPath path, Path root, FileStat stat, String linkTarget, RelPath hardlinkTo) {
  /** The file on disk. */
  public Path file() {
    return root.resolve(path.value());
  }
}
