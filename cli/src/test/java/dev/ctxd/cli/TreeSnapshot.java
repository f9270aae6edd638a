package dev.ctxd.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a builder sees in a directory, one line per entry: type, permission bits, and the
 * content's SHA-256 or the link target. Two trees are equal for a build when their snapshots
 * are equal.
 */
final class TreeSnapshot {
  private TreeSnapshot() {}

  static TreeMap<String, String> of(Path root, Set<String> leaveOut) throws IOException {
    TreeMap<String, String> entries = new TreeMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String rel = root.relativize(dir).toString();
        if (leaveOut.contains(rel)) return FileVisitResult.SKIP_SUBTREE;
        if (!rel.isEmpty()) entries.put(rel, "dir " + mode(dir));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = root.relativize(file).toString();
        if (leaveOut.contains(rel)) return FileVisitResult.CONTINUE;
        if (attrs.isSymbolicLink()) {
          entries.put(rel, "symlink -> " + Files.readSymbolicLink(file));
        } else {
          entries.put(rel, "file " + mode(file) + " " + sha256(Files.readAllBytes(file)));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return entries;
  }

  private static String mode(Path p) throws IOException {
    return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
