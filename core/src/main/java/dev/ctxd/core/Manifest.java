package dev.ctxd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole build context: its entries in {@link PathOrder}, checked on construction so that
 * no manifest can hold a duplicate, an orphan (an entry whose parent is not a directory of
 * the same manifest, which also rules out entries under a symlink) or a hard link to
 * anything but an earlier regular file. Immutable.
 */
public final class Manifest {
  private static final Manifest EMPTY = new Manifest(List.of());

  private final List<Entry> entries;
  private Map<RelPath, Entry> byPath;
  // Computed once per manifest by ContextDigest (immutable input; a racing recompute is harmless).
  private volatile String contextDigest;

  private Manifest(List<Entry> sortedEntries) {
    this.entries = sortedEntries;
  }

  public static Manifest empty() {
    return EMPTY;
  }

  /** Sorts and validates; throws {@link InvalidManifestException} naming the first problem. */
  public static Manifest of(List<Entry> entries) throws InvalidManifestException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    validate(sorted);
    return new Manifest(Collections.unmodifiableList(sorted));
  }

  /** For {@link DeltaApplier}: entries already sorted and validated, in an unmodifiable list. */
  static Manifest ofValidSorted(List<Entry> sortedValidEntries) {
    return new Manifest(sortedValidEntries);
  }

  String memoizedContextDigest() {
    return contextDigest;
  }

  void memoizeContextDigest(String digest) {
    contextDigest = digest;
  }

  private static void validate(List<Entry> sorted) throws InvalidManifestException {
    Map<RelPath, EntryType> types = new HashMap<>(sorted.size() * 2);
    RelPath previous = null;
    for (Entry entry : sorted) {
      RelPath path = entry.path();
      if (previous != null && previous.equals(path)) {
        throw new InvalidManifestException("duplicate entry: " + path);
      }
      RelPath parent = path.parent();
      if (parent != null) {
        EntryType parentType = types.get(parent);
        if (parentType == null) throw new InvalidManifestException("entry " + path + " has no parent directory entry " + parent);
        if (parentType != EntryType.DIR) throw new InvalidManifestException("entry " + path + " lies under a " + parentType.label() + ", not a directory");
      }
      if (entry.type() == EntryType.HARDLINK) {
        String problem = RelPath.problem(entry.linkTarget());
        if (problem != null) throw new InvalidManifestException("hard link " + path + ": " + problem);
        EntryType targetType = types.get(new RelPath(entry.linkTarget()));
        if (targetType != EntryType.FILE) {
          throw new InvalidManifestException("hard link " + path + " must name an earlier regular file, not " + entry.linkTarget());
        }
      }
      types.put(path, entry.type());
      previous = path;
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  public Entry get(RelPath path) {
    Map<RelPath, Entry> index = byPath;
    if (index == null) {
      index = new HashMap<>(entries.size() * 2);
      for (Entry e : entries) index.put(e.path(), e);
      byPath = index;
    }
    return index.get(path);
  }

  /** Bytes of regular-file content (hard links not counted twice). */
  public long contentBytes() {
    long total = 0;
    for (Entry e : entries) if (e.type() == EntryType.FILE) total += e.size();
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && m.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[" + entries.size() + " entries]";
  }
}
