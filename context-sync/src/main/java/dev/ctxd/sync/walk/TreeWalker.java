package dev.ctxd.sync.walk;

import dev.ctxd.core.RelPath;
import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.ignore.FilteredWalk;
import dev.ctxd.ignore.PatternException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a context directory the way BuildKit's sender does (the {@code dockerignore}
 * module decides what is kept and in which order) and stats every entry once, never
 * following a link. Hard links are recognised by (device, inode): the first kept name of a
 * file stays a file, later kept names become links to it.
 *
 * <p>Stateless; each call walks anew.
 */
public final class TreeWalker {
  private static final int PROGRESS_EVERY = 4096;

  private TreeWalker() {}

  /** The kept entries, in send order. */
  public static List<WalkedEntry> walk(Path root, ContextFilter filter, WalkListener listener) throws IOException, PatternException {
    return walk(root, diskLister(root), filter, listener);
  }

  /**
   * As {@link #walk(Path, ContextFilter, WalkListener)}; with an executor, directories are
   * listed and stat'ed ahead on its threads ({@link PrefetchingLister}). Same result either way.
   */
  public static List<WalkedEntry> walk(Path root, ContextFilter filter, WalkListener listener, java.util.concurrent.Executor prefetch)
      throws IOException, PatternException {
    return walk(root, prefetchingDiskLister(root, prefetch), filter, listener);
  }

  /**
   * The kept entries, in send order, with directory listings from {@code lister} (which must
   * report what {@link #diskLister} would, e.g. a watcher's cache of it).
   */
  public static List<WalkedEntry> walk(Path root, DirectoryLister<FileStat> lister, ContextFilter filter, WalkListener listener)
      throws IOException, PatternException {
    List<WalkedEntry> kept = new ArrayList<>();
    Map<List<Long>, RelPath> firstNameOfInode = new HashMap<>();
    FilteredWalk.walk(lister, filter, (relPath, directory, stat) -> {
      if (stat.kind() == FileStat.Kind.OTHER) {
        listener.skippedSpecialFile(relPath);
        return;
      }
      RelPath path = new RelPath(relPath);
      switch (stat.kind()) {
        case SYMLINK -> kept.add(new WalkedEntry(path, root, stat, Files.readSymbolicLink(root.resolve(relPath)).toString(), null));
        case FILE -> {
          RelPath first = null;
          if (stat.links() > 1) first = firstNameOfInode.putIfAbsent(List.of(stat.device(), stat.inode()), path);
          kept.add(new WalkedEntry(path, root, stat, null, first));
        }
        default -> kept.add(new WalkedEntry(path, root, stat, null, null));
      }
      if (kept.size() % PROGRESS_EVERY == 0) listener.walked(kept.size());
    });
    listener.walked(kept.size());
    return kept;
  }

  /** The disk's listings, read ahead on {@code prefetch}'s threads (null: in the caller's thread). */
  public static DirectoryLister<FileStat> prefetchingDiskLister(Path root, java.util.concurrent.Executor prefetch) {
    return prefetch == null ? diskLister(root) : new PrefetchingLister<>(diskLister(root), prefetch);
  }

  /** Lists and lstats a directory's children from disk, as the filtered walk needs them. */
  public static DirectoryLister<FileStat> diskLister(Path root) {
    return new Lister(root);
  }

  /** Lists and lstats a directory's children for the filtered walk. */
  private static final class Lister implements DirectoryLister<FileStat> {
    private final Path root;

    Lister(Path root) {
      this.root = root;
    }

    @Override
    public List<Child<FileStat>> list(String dirRelPath) throws IOException {
      Path dir = dirRelPath.isEmpty() ? root : root.resolve(dirRelPath);
      List<Child<FileStat>> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        // Linux gives a SecureDirectoryStream: children are stat'ed relative to its open fd.
        @SuppressWarnings("unchecked")
        SecureDirectoryStream<Path> open = stream instanceof SecureDirectoryStream<?> s ? (SecureDirectoryStream<Path>) s : null;
        for (Path child : stream) {
          FileStat stat;
          try {
            stat = open != null ? FileStat.of(open, child.getFileName(), child) : FileStat.of(child);
          } catch (NoSuchFileException gone) {
            continue; // deleted between readdir and lstat: it is simply not part of this build
          }
          String name = child.getFileName().toString();
          // The JDK shows a name that is not UTF-8 lossily (U+FFFD), and that string names no
          // file: say so here rather than blame a missing file later, or send another name.
          if (name.indexOf('\uFFFD') >= 0 && !Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("file name is not valid UTF-8, so it cannot be part of a build context: " + child + " (rename it)");
          }
          children.add(new Child<>(name, stat.kind() == FileStat.Kind.DIR, stat));
        }
      }
      return children;
    }
  }
}
