package dev.ctxd.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Vets the directories a materialization writes in, for one run over one copy: every
 * directory from the copy's root down must be a real directory (a symlink anywhere on the
 * way could lead the write outside), and a read-only one is made owner-writable for the run
 * and has its mode put back by {@link #restoreModes}. Checked directories are remembered, so a
 * run stats each directory once. Not thread-safe.
 */
final class ParentGuard {
  private final Path root;
  private final Set<Path> verified = new HashSet<>();
  private final Map<Path, Integer> loosened = new LinkedHashMap<>();
  // Checked and writable: in one run only this guard changes a directory's mode (until
  // restoreModes), so each directory's mode is read once, not once per file written in it.
  private final Set<Path> writable = new HashSet<>();

  ParentGuard(Path root) {
    this.root = root;
    verified.add(root);
  }

  /** Checks that {@code dir} and its ancestors up to the root are real directories and makes it writable. */
  void prepare(Path dir) throws IOException {
    if (writable.contains(dir)) return;
    if (!dir.startsWith(root)) throw escape(dir);
    if (!verified.contains(dir)) {
      prepare(dir.getParent());
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw escape(dir);
      verified.add(dir);
    }
    int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    if ((mode & 0300) != 0300 && !loosened.containsKey(dir)) {
      Files.setAttribute(dir, "unix:mode", mode | 0700, LinkOption.NOFOLLOW_LINKS);
      loosened.put(dir, mode);
    }
    writable.add(dir);
  }

  /** Records a directory this run made itself (so it need not be checked again). */
  void created(Path dir) {
    verified.add(dir);
  }

  /** Gives each loosened directory that still exists its mode back. */
  void restoreModes() throws IOException {
    for (Map.Entry<Path, Integer> e : loosened.entrySet()) {
      if (Files.isDirectory(e.getKey(), LinkOption.NOFOLLOW_LINKS)) {
        Files.setAttribute(e.getKey(), "unix:mode", e.getValue(), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  private static IOException escape(Path dir) {
    return new IOException("refusing to write under " + dir + ": not a real directory inside the materialized copy");
  }
}
