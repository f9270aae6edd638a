package dev.ctxd.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a {@link ManifestDelta} in time linear in the base's size with a tiny constant (one
 * merge of references) plus work proportional to the delta: the base is already sorted and
 * valid, so only what the delta touches is re-checked (its entries' parents and link targets,
 * and what a removal or a change of type leaves behind). Hand-written because no library knows
 * the manifest's rules. When that check finds a problem, the full validation of
 * {@link Manifest#of} runs, so the error names the same first problem as before.
 */
final class DeltaApplier {
  private DeltaApplier() {}

  static Manifest apply(Manifest base, List<Entry> upserts, List<RelPath> removals) throws InvalidManifestException {
    List<Entry> old = base.entries();
    Set<RelPath> replaced = new HashSet<>();
    for (Entry e : upserts) {
      if (!replaced.add(e.path())) throw new InvalidManifestException("duplicate entry in delta: " + e.path());
    }
    Set<RelPath> removed = new HashSet<>(removals);
    for (RelPath r : removed) { // in the set's order, so the first problem named is as before
      // Binary search, not base.get: that builds (and keeps) an index of every entry.
      if (indexOf(old, r) < 0) throw new InvalidManifestException("delta removes " + r + ", which the base does not have");
      if (replaced.contains(r)) throw new InvalidManifestException("delta both removes and sets " + r);
    }
    if (upserts.isEmpty() && removed.isEmpty()) return base;
    List<RelPath> gone = new ArrayList<>(removed);
    gone.sort(RelPath::compareTo);
    List<Entry> sorted = new ArrayList<>(upserts);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    List<Entry> result = new ArrayList<>(old.size() + sorted.size());
    List<Entry> leftBehind = new ArrayList<>(); // base entries removed or replaced by another type
    // The base's runs between the delta's paths are found by binary search and copied whole,
    // so a small delta costs a copy of references, not a path comparison per base entry.
    int i = 0;
    int j = 0;
    int k = 0;
    while (j < sorted.size() || k < gone.size()) {
      boolean upsert = k == gone.size() || (j < sorted.size() && sorted.get(j).path().compareTo(gone.get(k)) < 0);
      RelPath next = upsert ? sorted.get(j).path() : gone.get(k);
      int at = insertionPoint(old, next, i);
      result.addAll(old.subList(i, at));
      i = at;
      boolean inBase = i < old.size() && old.get(i).path().equals(next);
      if (upsert) {
        Entry u = sorted.get(j++);
        if (inBase) {
          Entry b = old.get(i++);
          if (b.type() != u.type()) leftBehind.add(b);
        }
        result.add(u);
      } else {
        leftBehind.add(old.get(i++)); // present: checked above
        k++;
      }
    }
    result.addAll(old.subList(i, old.size()));
    if (!valid(result, sorted, leftBehind)) return Manifest.of(result); // throws, naming the first problem
    Manifest next = Manifest.ofValidSorted(Collections.unmodifiableList(result));
    next.derivedFrom(base);
    return next;
  }

  private static boolean valid(List<Entry> result, List<Entry> upserts, List<Entry> leftBehind) {
    for (Entry u : upserts) {
      RelPath parent = u.path().parent();
      if (parent != null) {
        int p = indexOf(result, parent);
        if (p < 0 || result.get(p).type() != EntryType.DIR) return false;
      }
      if (u.type() == EntryType.HARDLINK) {
        if (RelPath.problem(u.linkTarget()) != null) return false;
        RelPath target = new RelPath(u.linkTarget());
        int t = indexOf(result, target);
        if (t < 0 || result.get(t).type() != EntryType.FILE || target.compareTo(u.path()) >= 0) return false;
      }
    }
    Set<String> goneFiles = new HashSet<>();
    for (Entry b : leftBehind) {
      if (b.type() == EntryType.DIR) {
        // A subtree follows its parent directly (PathOrder): the next entry tells whether children remain.
        int at = insertionPoint(result, b.path());
        if (at < result.size() && result.get(at).path().equals(b.path())) at++;
        if (at < result.size() && b.path().isAncestorOf(result.get(at).path())) return false;
      } else if (b.type() == EntryType.FILE) {
        goneFiles.add(b.path().value());
      }
    }
    if (!goneFiles.isEmpty()) {
      for (Entry e : result) if (e.type() == EntryType.HARDLINK && goneFiles.contains(e.linkTarget())) return false;
    }
    return true;
  }

  private static int indexOf(List<Entry> sorted, RelPath path) {
    int at = insertionPoint(sorted, path);
    return at < sorted.size() && sorted.get(at).path().equals(path) ? at : -1;
  }

  /** The index of the first entry not below {@code path} in path order. */
  private static int insertionPoint(List<Entry> sorted, RelPath path) {
    return insertionPoint(sorted, path, 0);
  }

  /** As {@link #insertionPoint(List, RelPath)}, knowing the answer is at least {@code from}. */
  private static int insertionPoint(List<Entry> sorted, RelPath path, int from) {
    int lo = from;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).path().compareTo(path) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
