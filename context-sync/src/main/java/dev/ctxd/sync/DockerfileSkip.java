package dev.ctxd.sync;

import dev.ctxd.ignore.PatternException;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import dev.ctxd.sync.walk.WalkedEntry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How many files and content bytes the Dockerfile let a build leave behind: the unreduced
 * context (the ignore file alone) minus what was sent. Counted as {@link SyncReport} counts:
 * files are regular files and hard links, bytes are the sizes of regular files (a hard link's
 * content counts once, under its first name).
 */
public record DockerfileSkip(long files, long bytes) {
  public static final DockerfileSkip NONE = new DockerfileSkip(0, 0);

  /** Walks (stats only, no hashing) the unreduced context when the selection reduced it. */
  public static DockerfileSkip of(Path contextDir, ContextSelection selection, long sentFiles, long sentBytes)
      throws IOException, PatternException {
    if (!selection.reduced()) {
      return NONE;
    }
    long files = 0;
    long bytes = 0;
    for (WalkedEntry w : TreeWalker.walk(contextDir.toRealPath(), selection.unreduced(), WalkListener.NONE)) {
      if (w.stat().kind() != FileStat.Kind.FILE) continue;
      files++;
      if (w.hardlinkTo() == null) bytes += w.stat().size();
    }
    return new DockerfileSkip(Math.max(0, files - sentFiles), Math.max(0, bytes - sentBytes));
  }
}
