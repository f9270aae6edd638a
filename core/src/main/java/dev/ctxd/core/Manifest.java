package dev.ctxd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

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
  // ContextDigest's canonical lines of this manifest, kept until a manifest derived from it
  // takes them (so one context holds one copy); and the base's, for a manifest made by a delta.
  private final AtomicReference<EncodedEntries> digestLines = new AtomicReference<>();
  private volatile AtomicReference<EncodedEntries> digestBase;

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

  AtomicReference<EncodedEntries> digestLines() {
    return digestLines;
  }

  /** For {@link DeltaApplier}: this manifest was made from {@code base} by a delta. */
  void derivedFrom(Manifest base) {
    digestBase = base.digestLines;
  }

  /** The canonical lines of the base this manifest was derived from, taken (null when none or taken). */
  EncodedEntries takeBaseDigestLines() {
    AtomicReference<EncodedEntries> base = digestBase;
    digestBase = null;
    return base == null ? null : base.getAndSet(null);
  }

  private static void validate(List<Entry> sorted) throws InvalidManifestException {
    // In PathOrder a directory's subtree follows it without a gap, so an entry's parent, when
    // present, is the innermost entry of the chain of ancestors still open: a stack, no map
    // (this runs on every scan and state load of 80k entries). Hard-link targets need a
    // lookup of earlier files, made only when there is a hard link.
    Set<String> earlierFiles = null;
    for (Entry entry : sorted) {
      if (entry.type() == EntryType.HARDLINK) {
        earlierFiles = new HashSet<>();
        break;
      }
    }
    Entry[] open = new Entry[32];
    int depth = 0;
    RelPath previous = null;
    for (Entry entry : sorted) {
      RelPath path = entry.path();
      if (previous != null && previous.equals(path)) {
        throw new InvalidManifestException("duplicate entry: " + path);
      }
      String p = path.value();
      while (depth > 0 && !isUnder(p, open[depth - 1].path().value())) depth--;
      int slash = p.lastIndexOf('/');
      if (slash >= 0) {
        Entry parent = depth > 0 ? open[depth - 1] : null;
        if (parent == null || parent.path().value().length() != slash) {
          throw new InvalidManifestException("entry " + path + " has no parent directory entry " + p.substring(0, slash));
        }
        if (parent.type() != EntryType.DIR) throw new InvalidManifestException("entry " + path + " lies under a " + parent.type().label() + ", not a directory");
      }
      if (entry.type() == EntryType.HARDLINK) {
        String problem = RelPath.problem(entry.linkTarget());
        if (problem != null) throw new InvalidManifestException("hard link " + path + ": " + problem);
        if (!earlierFiles.contains(entry.linkTarget())) {
          throw new InvalidManifestException("hard link " + path + " must name an earlier regular file, not " + entry.linkTarget());
        }
      }
      if (depth == open.length) open = java.util.Arrays.copyOf(open, depth * 2);
      open[depth++] = entry;
      if (earlierFiles != null && entry.type() == EntryType.FILE) earlierFiles.add(p);
      previous = path;
    }
  }

  /** True when {@code path} lies strictly below {@code dir}. */
  private static boolean isUnder(String path, String dir) {
    return path.length() > dir.length() && path.charAt(dir.length()) == '/' && path.startsWith(dir);
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
