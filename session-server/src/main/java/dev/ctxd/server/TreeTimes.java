package dev.ctxd.server;

import dev.ctxd.core.Entry;
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

  private record Pending(Path path, Entry entry) {}

  private final List<Pending> pending = new ArrayList<>();

  /** Collects a file whose content the copy holds already; only its times (atime, mtime) change. */
  void add(Path path, Entry entry) {
    pending.add(new Pending(path, entry));
  }

  /**
   * Sets every collected file's times and returns the entries whose path no longer holds a
   * regular file (the copy drifted from its manifest): the caller writes those again. The
   * first failure is thrown once all threads stopped.
   */
  List<Entry> applyAll() throws IOException {
    List<Entry> drifted = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      (pending.size() < PARALLEL_THRESHOLD ? pending.stream() : pending.parallelStream()).forEach(p -> {
        try {
          if (Files.isRegularFile(p.path, LinkOption.NOFOLLOW_LINKS)) set(p.path, p.entry.mtimeNanos());
          else drifted.add(p.entry);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pending.clear();
    }
    drifted.sort((a, b) -> a.path().compareTo(b.path()));
    return drifted;
  }

  /** Sets both times of {@code path} (never following a link) to {@code mtimeNanos}. */
  static void set(Path path, long mtimeNanos) throws IOException {
    if (NativeTimes.AVAILABLE) {
      NativeTimes.set(path, mtimeNanos);
      return;
    }
    FileTime time = FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS);
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(time, time, null);
  }
}
