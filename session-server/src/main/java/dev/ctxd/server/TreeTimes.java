package dev.ctxd.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sets the times of files in a materialized copy. Access and modification time are both set
 * to the entry's mtime, as BuildKit's fsutil does when it writes a context: giving both spares
 * the JDK an fstat per file (it reads the current times to keep the one not given). A
 * metadata-only build (every file touched, a branch switch) sets tens of thousands of times,
 * so {@link #applyAll} spreads them over the cores. Collect on one thread; not thread-safe.
 */
final class TreeTimes {
  // Below this a parallel stream's start-up costs more than it saves.
  private static final int PARALLEL_THRESHOLD = 256;

  private record Pending(Path path, long mtimeNanos) {}

  private final List<Pending> pending = new ArrayList<>();

  void add(Path path, long mtimeNanos) {
    pending.add(new Pending(path, mtimeNanos));
  }

  /** Sets every collected time; the first failure is thrown once all threads stopped. */
  void applyAll() throws IOException {
    try {
      (pending.size() < PARALLEL_THRESHOLD ? pending.stream() : pending.parallelStream()).forEach(p -> {
        try {
          set(p.path, p.mtimeNanos);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pending.clear();
    }
  }

  /** Sets both times of {@code path} (never following a link) to {@code mtimeNanos}. */
  static void set(Path path, long mtimeNanos) throws IOException {
    FileTime time = FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS);
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, time, null);
  }
}
