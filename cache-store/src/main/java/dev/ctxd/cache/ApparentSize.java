package dev.ctxd.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@code du -sb} says of a tree: the apparent size of every file, directory and symlink
 * (links not followed), a file with several hard links counted once. {@code du -s} without
 * {@code -b} counts allocated blocks instead, which for many small files is more; the JDK does
 * not expose allocated blocks, and {@code du -sb} is what the df tolerance is stated against.
 * Files that vanish during the walk (a compaction deleting them) are skipped.
 */
public final class ApparentSize {
  private ApparentSize() {}

  /** {@code du -sb dir}; 0 when it does not exist. */
  public static long of(Path dir) {
    return byBucket(dir, rel -> "").getOrDefault("", 0L);
  }

  /**
   * The walk of {@link #of}, with each path's bytes added to the bucket {@code bucketOf} names
   * for its path relative to {@code root} (the root itself is the empty path).
   */
  public static Map<String, Long> byBucket(Path root, Function<Path, String> bucketOf) {
    Map<String, Long> totals = new HashMap<>();
    Set<Object> seen = new HashSet<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          add(dir, attrs);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          add(file, attrs);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        private void add(Path p, BasicFileAttributes attrs) {
          Object key = attrs.fileKey();
          if (key != null && !attrs.isDirectory() && !seen.add(key)) return; // a second hard link
          totals.merge(bucketOf.apply(root.relativize(p)), attrs.size(), Long::sum);
        }
      });
    } catch (NoSuchFileException e) {
      return totals;
    } catch (IOException e) {
      return totals; // per-file errors are skipped above; the root itself went away
    }
    return totals;
  }
}
