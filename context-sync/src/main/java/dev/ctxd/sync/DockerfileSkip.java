package dev.ctxd.sync;

import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.ignore.FilteredWalk;
import dev.ctxd.ignore.PatternException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How many files and content bytes the Dockerfile let a build leave behind: the unreduced
 * context (the ignore file alone) minus what was sent. Counted as {@link SyncReport} counts:
 * files are regular files and hard links, bytes the sizes of distinct regular files.
 *
 * <p>The count needs a walk of the whole context, so it uses the cheapest one: one lstat per
 * entry into {@link BasicFileAttributes}, no hashing, no unix attribute map.
 */
public record DockerfileSkip(long files, long bytes) {
  public static final DockerfileSkip NONE = new DockerfileSkip(0, 0);

  /** The unreduced context's totals, when the selection reduced it; {@link #NONE} otherwise. */
  public static DockerfileSkip unreducedTotals(Path contextDir, ContextSelection selection) throws IOException, PatternException {
    if (!selection.reduced()) {
      return NONE;
    }
    Path root = contextDir.toRealPath();
    long[] totals = new long[2];
    Set<Object> inodes = new HashSet<>();
    FilteredWalk.walk(new StatLister(root), selection.unreduced(), (rel, dir, attrs) -> {
      if (!attrs.isRegularFile()) return;
      totals[0]++;
      Object key = attrs.fileKey();
      if (key == null || inodes.add(key)) totals[1] += attrs.size();
    });
    return new DockerfileSkip(totals[0], totals[1]);
  }

  /** What was left: these totals minus what the sync sent. */
  public DockerfileSkip minus(long sentFiles, long sentBytes) {
    if (this == NONE) return NONE;
    return new DockerfileSkip(Math.max(0, files - sentFiles), Math.max(0, bytes - sentBytes));
  }

  /** Walks and subtracts in one call. */
  public static DockerfileSkip of(Path contextDir, ContextSelection selection, long sentFiles, long sentBytes)
      throws IOException, PatternException {
    return unreducedTotals(contextDir, selection).minus(sentFiles, sentBytes);
  }

  private record StatLister(Path root) implements DirectoryLister<BasicFileAttributes> {
    @Override
    public List<Child<BasicFileAttributes>> list(String dirRelPath) throws IOException {
      List<Child<BasicFileAttributes>> out = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dirRelPath.isEmpty() ? root : root.resolve(dirRelPath))) {
        for (Path child : stream) {
          BasicFileAttributes a;
          try {
            a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (NoSuchFileException gone) {
            continue;
          }
          out.add(new Child<>(child.getFileName().toString(), a.isDirectory(), a));
        }
      }
      return out;
    }
  }
}
