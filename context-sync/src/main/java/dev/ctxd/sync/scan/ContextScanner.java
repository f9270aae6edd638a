package dev.ctxd.sync.scan;

import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.hash.FileChangedException;
import dev.ctxd.sync.hash.FileContent;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import dev.ctxd.sync.walk.WalkedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns a context directory into a {@link Manifest}: walks it, then hashes in parallel only
 * the regular files whose stat differs from the stat cache.
 *
 * <p>A cached digest is trusted only when size, mtime, ctime, inode, device and mode all
 * match and the file's times lie at least {@link #RACY_MARGIN_NANOS} before the cache was
 * written: a file changed within the clock's granularity of that moment could have changed
 * again without moving its times (git's "racy clean" problem), so it is hashed again.
 *
 * <p>Thread-safe; the executor is owned by the caller.
 */
public final class ContextScanner {
  /** Generous against coarse kernel clocks and 2-second file systems; costs one rehash. */
  public static final long RACY_MARGIN_NANOS = 2_000_000_000L;
  private static final int MAX_READ_ATTEMPTS = 3;
  private static final boolean TRACE = System.getenv("CTX_TRACE") != null;

  private final ExecutorService hashers;
  private final ThreadLocal<ContentHasher> hasher = ThreadLocal.withInitial(ContentHasher::new);

  public ContextScanner(ExecutorService hashers) {
    this.hashers = hashers;
  }

  /** The result of a scan, and how much hashing it took. */
  public record Scan(Manifest manifest, Map<RelPath, FileStat> fileStats, long hashedFiles, long hashedBytes) {}

  public Scan scan(Path root, ContextFilter filter, ClientState previous, ScanListener listener)
      throws IOException, PatternException, InvalidManifestException {
    return scan(root, filter, () -> previous, listener);
  }

  /** As the other overloads; {@code previous} is asked for only once the walk is done (it may still be loading). */
  public Scan scan(Path root, ContextFilter filter, Supplier<ClientState> previous, ScanListener listener)
      throws IOException, PatternException, InvalidManifestException {
    // The hashers are idle until the walk ends: they list directories ahead meanwhile.
    return scan(root, TreeWalker.prefetchingDiskLister(root, hashers), filter, previous, listener);
  }

  /** {@link #scan(Path, ContextFilter, ClientState, ScanListener)} with listings from {@code lister}. */
  public Scan scan(Path root, DirectoryLister<FileStat> lister, ContextFilter filter, ClientState previous, ScanListener listener)
      throws IOException, PatternException, InvalidManifestException {
    return scan(root, lister, filter, () -> previous, listener);
  }

  /** As the other overloads, with listings from {@code lister} and {@code previous} asked for after the walk. */
  public Scan scan(Path root, DirectoryLister<FileStat> lister, ContextFilter filter, Supplier<ClientState> loading, ScanListener listener)
      throws IOException, PatternException, InvalidManifestException {
    long started = System.nanoTime();
    List<WalkedEntry> walked = TreeWalker.walk(root, lister, filter, listener);
    if (TRACE) System.err.printf("trace: walk %.3fs, %d entries%n", (System.nanoTime() - started) / 1e9, walked.size());
    ClientState previous = loading.get();
    if (TRACE) System.err.printf("trace: state ready %.3fs after the walk began%n", (System.nanoTime() - started) / 1e9);
    Manifest cached = previous.manifest();
    long trustedBefore = previous.writtenAtNanos() - RACY_MARGIN_NANOS;
    int n = walked.size();
    // The walk and the previous manifest are both in PathOrder: one merge finds each entry's
    // old self without a hash index of 80k paths.
    Entry[] old = PreviousEntries.matching(walked, cached.entries());
    @SuppressWarnings("unchecked")
    Future<FileContent>[] pending = new Future[n];
    AtomicLong hashedFiles = new AtomicLong();
    AtomicLong hashedBytes = new AtomicLong();
    long totalToHash = 0;
    for (int i = 0; i < n; i++) {
      WalkedEntry w = walked.get(i);
      FileStat stat = w.stat();
      if (stat.kind() != FileStat.Kind.FILE || w.hardlinkTo() != null) continue;
      Entry oldEntry = old[i];
      FileStat oldStat = oldEntry == null || oldEntry.type() != EntryType.FILE ? null : previous.fileStats().get(w.path());
      if (oldStat != null && stat.sameFileVersion(oldStat) && stat.mtimeNanos() < trustedBefore && stat.ctimeNanos() < trustedBefore) {
        continue; // the cached digest stands: old[i] holds it
      }
      old[i] = null;
      totalToHash += stat.size();
      pending[i] = hashers.submit(() -> {
        FileContent content = hashStable(w);
        listener.hashed(hashedFiles.incrementAndGet(), hashedBytes.addAndGet(content.size()));
        return content;
      });
    }
    listener.hashingStarted(totalToHash);
    List<Entry> entries = new ArrayList<>(n);
    FileStat[] fileStats = new FileStat[n];
    boolean allAsBefore = n == cached.size();
    for (int i = 0; i < n; i++) {
      WalkedEntry w = walked.get(i);
      FileStat s = w.stat();
      if (w.hardlinkTo() == null && s.kind() == FileStat.Kind.FILE) fileStats[i] = s;
      Entry before = old[i];
      if (before != null && Unchanged.entry(before, w)) {
        entries.add(before); // one copy of an unchanged entry, shared with the previous manifest
        continue;
      }
      allAsBefore = false;
      Entry entry;
      if (w.hardlinkTo() != null) {
        entry = Entry.hardlink(w.path(), w.hardlinkTo(), s.mode(), s.mtimeNanos(), s.uid(), s.gid());
      } else switch (s.kind()) {
        case DIR -> entry = Entry.dir(w.path(), s.mode(), s.mtimeNanos(), s.uid(), s.gid());
        case SYMLINK -> entry = Entry.symlink(w.path(), w.linkTarget(), s.mtimeNanos(), s.uid(), s.gid());
        default -> {
          Entry reused = old[i];
          if (reused != null) {
            entry = Entry.file(w.path(), s.mode(), reused.size(), s.mtimeNanos(), s.uid(), s.gid(), reused.digest(), reused.chunks());
          } else {
            FileContent content = await(pending[i]);
            entry = Entry.file(w.path(), s.mode(), content.size(), s.mtimeNanos(), s.uid(), s.gid(), content.digest(), content.chunks());
          }
        }
      }
      entries.add(entry);
    }
    // Nothing moved (the usual rebuild): the previous manifest and stat cache are this scan's,
    // with no sort, validation or map to build again.
    if (allAsBefore && hashedFiles.get() == 0) return new Scan(cached, previous.fileStats(), 0, 0);
    Map<RelPath, FileStat> stats = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) if (fileStats[i] != null) stats.put(walked.get(i).path(), fileStats[i]);
    return new Scan(Manifest.of(entries), stats, hashedFiles.get(), hashedBytes.get());
  }

  /** Hashes a file and checks its stat did not move meanwhile; re-reads a file that did. */
  private FileContent hashStable(WalkedEntry w) throws IOException {
    FileStat before = w.stat();
    Path file = w.file();
    for (int attempt = 1; ; attempt++) {
      try {
        FileContent content = hasher.get().hash(file, before.size());
        FileStat after = FileStat.of(file);
        if (after.sameFileVersion(before)) return content;
        if (attempt >= MAX_READ_ATTEMPTS) throw new FileChangedException(file, "kept changing while it was read");
      } catch (FileChangedException e) {
        if (attempt >= MAX_READ_ATTEMPTS) throw e;
      }
      before = FileStat.of(file);
      if (before.kind() != FileStat.Kind.FILE) throw new FileChangedException(file, "stopped being a regular file while it was read");
      // The entry keeps the walk's stat; a changed file is caught again by the upload's hash check.
    }
  }

  private static FileContent await(Future<FileContent> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof UncheckedIOException u) throw u.getCause();
      if (cause instanceof RuntimeException r) throw r;
      throw new IOException(cause);
    }
  }
}
