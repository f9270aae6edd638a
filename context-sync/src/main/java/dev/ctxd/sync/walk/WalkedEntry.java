package dev.ctxd.sync.walk;

import dev.ctxd.core.RelPath;
import java.nio.file.Path;

/**
 * One entry the walk keeps, in send order. {@code hardlinkTo} names the first kept name of the
 * same inode when this entry is a later name of a hard-linked file, else null.
 * {@code linkTarget} is a symlink's text, else null.
 */
public record WalkedEntry(RelPath path, Path file, FileStat stat, String linkTarget, RelPath hardlinkTo) {}
