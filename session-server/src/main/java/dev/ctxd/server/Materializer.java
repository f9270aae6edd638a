package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each context's materialized copy (the directory a builder reads) equal to a
 * manifest, writing only what changed since the version it last held.
 *
 * <p>Crash safety: the marker file naming the materialized version is deleted before any
 * change and written (atomically) only after the copy is complete, so a copy interrupted
 * half-way is never taken for complete; the next build rewrites it from scratch. Files are
 * written to a temp name and renamed, so no reader sees half a file under its real name;
 * a copy written from scratch creates each file under its name (no delete, no rename), since
 * nothing reads it before its marker.
 *
 * <p>Containment: paths are {@link RelPath}s (no {@code ..}, not absolute), parents are
 * handled before children, and every directory from the copy's root down to a parent is
 * checked to be a real directory, not a symlink, before anything is written in it (the disk
 * may have drifted from the manifest the marker names); links are created, never followed;
 * temp files get fresh names created exclusively, so a context entry named like a temp file
 * (a symlink, say) is never opened. Read-only directories are made writable while they
 * change and get their mode back afterwards.
 *
 * <p>Thread-safe: builds of one context are serialised, builds of different contexts run
 * side by side.
 */
final class Materializer {
  private static final String TREE = "tree";
  private static final String MARKER = "materialized.version";

  private final Path contextsDir;
  private final CacheStore store;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  Materializer(Path contextsDir, CacheStore store) {
    this.contextsDir = contextsDir;
    this.store = store;
  }

  record Result(Path directory, long written, long removed) {}

  /**
   * The longest context path (UTF-8 bytes) this daemon can write under its copy of
   * {@code contextKey}: PATH_MAX less the copy's own directory and a temp file's suffix.
   */
  int maxPathBytes(String contextKey) {
    int own = directoryOf(contextKey).resolve(TREE).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    return PATH_MAX_BYTES - own - TEMP_SLACK_BYTES;
  }

  private static final int PATH_MAX_BYTES = 4095;
  // a sibling temp name (TreeFileWriter.TEMP_PREFIX + random digits, or name + ".tmp") may be this much longer than the entry's
  private static final int TEMP_SLACK_BYTES = 32;

  Path directoryOf(String contextKey) {
    return contextsDir.resolve(store.contextId(contextKey).hex());
  }

  Result materialize(String contextKey, long version, Manifest manifest, boolean fresh) throws IOException {
    ReentrantLock lock = lockOf(store.contextId(contextKey).hex());
    lock.lock();
    try {
      Path home = directoryOf(contextKey);
      Path tree = home.resolve(TREE);
      Path marker = home.resolve(MARKER);
      Files.createDirectories(home);
      long held = fresh ? 0 : heldVersion(marker);
      Manifest before = held == 0 ? null : previous(contextKey, held);
      // The copy already holds this very tree (a no-change build): nothing to write, not even the marker.
      if (held == version && before != null && (before == manifest || before.equals(manifest)) && Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
        return new Result(tree, 0, 0);
      }
      Files.deleteIfExists(marker);
      TreeFileWriter.Placement placement = TreeFileWriter.Placement.VIA_TEMP;
      if (before == null) {
        deleteTree(tree);
        before = Manifest.empty();
        placement = TreeFileWriter.Placement.IN_PLACE; // from scratch, unmarked until the last file is in
      }
      Files.createDirectories(tree);
      Result result = apply(tree, before, manifest, placement);
      writeAtomically(marker, Long.toString(version));
      return result;
    } finally {
      lock.unlock();
    }
  }

  // Keyed by context id, the copy's directory name: a prune holds it to delete a copy no build writes.
  private ReentrantLock lockOf(String contextId) {
    return locks.computeIfAbsent(contextId, k -> new ReentrantLock());
  }

  /**
   * Deletes the copy in {@code contexts/<contextId>} if {@code stillRemovable} says so while
   * no build of that context runs (it is asked under the build lock); returns whether it did.
   */
  boolean removeCopy(String contextId, java.util.function.BooleanSupplier stillRemovable) throws IOException {
    ReentrantLock lock = lockOf(contextId);
    lock.lock();
    try {
      Path home = contextsDir.resolve(contextId);
      if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS) || !stillRemovable.getAsBoolean()) return false;
      // The marker goes first: a copy half deleted by a crash is then never taken for complete.
      Files.deleteIfExists(home.resolve(MARKER));
      deleteTree(home);
      return true;
    } finally {
      lock.unlock();
    }
  }

  Path contextsDir() {
    return contextsDir;
  }

  /** The version the marker names, or 0 when unknown (never built, interrupted, or pruned). */
  private static long heldVersion(Path marker) {
    try {
      return Long.parseLong(Files.readString(marker, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** The manifest the copy holds now, or null when the store no longer has it. */
  private Manifest previous(String contextKey, long version) {
    try {
      return store.manifest(contextKey, version);
    } catch (IOException e) {
      return null;
    }
  }

  private Result apply(Path tree, Manifest before, Manifest after, TreeFileWriter.Placement placement) throws IOException {
    try (ParallelWrites writes = new ParallelWrites(ParallelWrites.THREADS)) {
      return apply(tree, before, after, writes, placement);
    }
  }

  private Result apply(Path tree, Manifest before, Manifest after, ParallelWrites writes, TreeFileWriter.Placement placement) throws IOException {
    ParentGuard parents = new ParentGuard(tree);
    CopyPlan plan = CopyPlan.of(before, after);
    // Directories whose listing changes: their mtime moves, so it is set back even when their entry did not change.
    Set<RelPath> touched = new HashSet<>();
    // 1. Remove what is gone or changed type, children before parents.
    List<Entry> old = plan.gone();
    long removed = 0;
    for (int i = old.size() - 1; i >= 0; i--) {
      Entry e = old.get(i);
      Path gone = tree.resolve(e.path().value());
      parents.prepare(gone.getParent());
      deleteTree(gone);
      touched.add(e.path().parent());
      removed++;
    }
    // 2. Write what is new or changed, parents before children; new times alone are set in bulk.
    Set<RelPath> rewritten = new HashSet<>();
    List<Entry> dirs = new ArrayList<>();
    TreeTimes times = new TreeTimes();
    long written = 0;
    for (CopyPlan.Change change : plan.changed()) {
      Entry e = change.now();
      Entry was = change.was();
      Path target = tree.resolve(e.path().value());
      parents.prepare(target.getParent());
      if (!(e.type() == EntryType.FILE && was != null && was.sameContent(e))) touched.add(e.path().parent());
      switch (e.type()) {
        case DIR -> {
          if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
          parents.created(target);
          dirs.add(e);
        }
        case FILE -> {
          if (was != null && was.sameContent(e)) {
            times.add(target, e); // set in bulk below; written again if the disk no longer has it
          } else {
            writeLater(writes, target, e, placement);
            rewritten.add(e.path());
            written++;
          }
        }
        case SYMLINK -> {
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(e.linkTarget()));
          setTimes(target, e.mtimeNanos());
          written++;
        }
        case HARDLINK -> {
          writes.awaitAll(); // its target may be a file still being written
          link(tree, target, e);
          written++;
        }
      }
    }
    for (Entry e : times.applyAll()) {
      writeLater(writes, tree.resolve(e.path().value()), e, TreeFileWriter.Placement.VIA_TEMP);
      touched.add(e.path().parent());
      rewritten.add(e.path());
      written++;
    }
    writes.awaitAll();
    // A rewritten file is a new inode: unchanged hard links to it are made again.
    if (!rewritten.isEmpty()) {
      Set<RelPath> linked = new HashSet<>();
      for (CopyPlan.Change c : plan.changed()) if (c.now().type() == EntryType.HARDLINK) linked.add(c.now().path());
      for (Entry e : CopyPlan.hardlinks(after)) {
        if (linked.contains(e.path()) || !rewritten.contains(RelPath.of(e.linkTarget()))) continue;
        Path target = tree.resolve(e.path().value());
        parents.prepare(target.getParent());
        touched.add(e.path().parent());
        link(tree, target, e);
        written++;
      }
    }
    // 3. Directory modes and times last: writing children moves a directory's mtime, and a
    // read-only mode would stop the writes. Unchanged directories loosened for writing first,
    // so a changed directory's new mode wins.
    parents.restoreModes();
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Entry d = dirs.get(i);
      Path target = tree.resolve(d.path().value());
      Files.setAttribute(target, "unix:mode", d.mode(), LinkOption.NOFOLLOW_LINKS);
      setTimes(target, d.mtimeNanos());
      touched.remove(d.path());
    }
    for (RelPath p : touched) {
      Entry d = p == null ? null : CopyPlan.find(after, p);
      if (d != null && d.type() == EntryType.DIR) setTimes(tree.resolve(p.value()), d.mtimeNanos());
    }
    return new Result(tree, written, removed);
  }

  private static void link(Path tree, Path target, Entry e) throws IOException {
    Files.deleteIfExists(target);
    Files.createLink(target, tree.resolve(e.linkTarget()));
  }

  private void writeLater(ParallelWrites writes, Path target, Entry e, TreeFileWriter.Placement placement) throws IOException {
    writes.submit(() -> {
      Faults.beforeFileWrite();
      TreeFileWriter.write(store, target, e, placement);
      Faults.fileMaterialized();
    });
  }

  private static void setTimes(Path path, long mtimeNanos) throws IOException {
    TreeTimes.set(path, mtimeNanos);
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes a file, link or whole directory tree without following links. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        // A read-only directory's children cannot be deleted until it is writable again.
        Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) throw e;
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException raced) {
          throw new IOException("could not empty " + dir + " (something else is writing into it)", raced);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
