package dev.ctxd.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The bytes a directory tree occupies: every file's size rounded up to a {@value #BLOCK} byte
 * block, like {@code du} on a 4 KiB-block file system (the JDK does not expose allocated
 * blocks). Files that vanish during the walk (compaction deletes them) are skipped.
 */
final class DiskUsage {
  static final long BLOCK = 4096;

  private DiskUsage() {}

  static long of(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          total[0] += roundUp(attrs.size());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // deleted by a compaction between listing and stat
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          total[0] += BLOCK;
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      return total[0]; // visitFileFailed swallows per-file errors; the root itself is gone
    }
    return total[0];
  }

  static long roundUp(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }
}
