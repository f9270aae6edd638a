package dev.ctxd.sync.client;

import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context's directory listings (names and lstat results), kept between syncs while a
 * watcher reports what changed: a sync after one saved file re-stats that file instead of
 * the whole tree, and the filtered walk runs over memory. The walk itself is the ordinary
 * {@link TreeWalker} one, so .dockerignore rules, ordering and pruning are exactly a cold
 * walk's; the cache holds every child, kept or not, so a changed filter needs no re-listing.
 *
 * <p>A directory is watched from the moment it is first listed (registered before it is
 * read, so nothing created meanwhile is missed); directories the walk prunes are never listed
 * and never watched. After each walk, listings the walk did not visit are dropped and their
 * watches cancelled. When watches cannot be trusted ({@link #distrust()}, e.g. the inotify
 * limit was hit) every listing is read from disk again.
 *
 * <p>Not thread-safe: used under the session's operation lock.
 */
final class ListingCache implements DirectoryLister<FileStat> {
  /** Registers and cancels directory watches; the watcher implements it. */
  interface Watches {
    void register(String dir) throws IOException;

    void cancel(Set<String> dirs);
  }

  private final Path root;
  private final DirectoryLister<FileStat> disk;
  private final Watches watches;
  private final Map<String, Map<String, Child<FileStat>>> listings = new HashMap<>();
  private final Set<String> visited = new HashSet<>();
  private final Set<String> dropped = new HashSet<>();
  private boolean trusted = true;
  private long diskListings;

  ListingCache(Path root, Watches watches) {
    this.root = root;
    this.disk = TreeWalker.diskLister(root);
    this.watches = watches;
  }

  /** Stops trusting cached listings for good: every walk reads the disk. */
  void distrust() {
    trusted = false;
    listings.clear();
  }

  boolean trusted() {
    return trusted;
  }

  /** Directories read from disk so far (tests check that one edit re-reads no directory). */
  long diskListings() {
    return diskListings;
  }

  @Override
  public List<Child<FileStat>> list(String dir) throws IOException {
    visited.add(dir);
    Map<String, Child<FileStat>> cached = trusted ? listings.get(dir) : null;
    if (cached != null) return new ArrayList<>(cached.values());
    List<Child<FileStat>> children;
    try {
      if (trusted) watches.register(dir);
      children = disk.list(dir);
    } catch (NoSuchFileException gone) {
      // Deleted after its parent was listed (a checkout in progress): the event for its
      // parent is on its way, and the next sync drops it; this one carries it empty.
      return List.of();
    }
    diskListings++;
    if (trusted) {
      Map<String, Child<FileStat>> byName = new LinkedHashMap<>();
      for (Child<FileStat> c : children) byName.put(c.name(), c);
      listings.put(dir, byName);
    }
    return children;
  }

  /** Applies a watcher batch: re-stats changed entries, forgets subtrees to be listed again. */
  void apply(ChangeSet.Changes changes) throws IOException {
    for (String subtree : changes.subtrees()) {
      dropSubtree(subtree);
      if (!subtree.isEmpty()) { // the directory's own stat (its mtime) moved too
        int up = subtree.lastIndexOf('/');
        restat(up < 0 ? "" : subtree.substring(0, up), subtree.substring(up + 1));
      }
    }
    for (String path : changes.paths()) {
      int slash = path.lastIndexOf('/');
      String dir = slash < 0 ? "" : path.substring(0, slash);
      restat(dir, path.substring(slash + 1));
      // A child's creation or removal moves its directory's mtime, which the manifest carries.
      if (!dir.isEmpty()) {
        int up = dir.lastIndexOf('/');
        restat(up < 0 ? "" : dir.substring(0, up), dir.substring(up + 1));
      }
    }
  }

  private void restat(String dir, String name) throws IOException {
    Map<String, Child<FileStat>> listing = listings.get(dir);
    if (listing == null) return; // never listed (pruned, or dropped): the walk reads it fresh
    String path = dir.isEmpty() ? name : dir + "/" + name;
    Child<FileStat> old = listing.get(name);
    FileStat now;
    try {
      now = FileStat.of(root.resolve(path));
    } catch (NoSuchFileException gone) {
      listing.remove(name);
      dropSubtree(path);
      return;
    }
    Child<FileStat> fresh = new Child<>(name, now.kind() == FileStat.Kind.DIR, now);
    if (old != null && old.directory() && (!fresh.directory() || old.attributes().inode() != now.inode())) {
      dropSubtree(path); // replaced: whatever was listed under this name is stale
    }
    listing.put(name, fresh);
  }

  /** Forgets {@code dir} and every listing below it. */
  void dropSubtree(String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (Iterator<String> it = listings.keySet().iterator(); it.hasNext(); ) {
      String d = it.next();
      if (d.equals(dir) || d.startsWith(prefix)) {
        it.remove();
        dropped.add(d);
      }
    }
  }

  void beginWalk() {
    visited.clear();
  }

  /** Drops and unwatches the listings the walk no longer reached (gone, or now pruned). */
  void endWalk() {
    Set<String> stale = new HashSet<>(dropped);
    for (String d : listings.keySet()) if (!visited.contains(d)) stale.add(d);
    stale.removeAll(visited); // dropped, then listed again in this walk: watched anew under that name
    listings.keySet().removeAll(stale);
    dropped.clear();
    if (!stale.isEmpty()) watches.cancel(stale);
  }

  /** A walk failed half-way: what it did not reach may be stale, so forget it all. */
  void abandonWalk() {
    listings.clear();
  }
}
