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
    Set<RelPath> removed = new HashSet<>(removals);
    Set<RelPath> replaced = new HashSet<>();
    for (Entry e : upserts) {
      if (!replaced.add(e.path())) throw new InvalidManifestException("duplicate entry in delta: " + e.path());
    }
    for (RelPath r : removed) {
      if (base.get(r) == null) throw new InvalidManifestException("delta removes " + r + ", which the base does not have");
      if (replaced.contains(r)) throw new InvalidManifestException("delta both removes and sets " + r);
    }
    if (upserts.isEmpty() && removed.isEmpty()) return base;
    List<Entry> sorted = new ArrayList<>(upserts);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    List<Entry> old = base.entries();
    List<Entry> result = new ArrayList<>(old.size() + sorted.size());
    List<Entry> leftBehind = new ArrayList<>(); // base entries removed or replaced by another type
    int i = 0;
    int j = 0;
    while (i < old.size() || j < sorted.size()) {
      int cmp = i == old.size() ? 1 : j == sorted.size() ? -1 : old.get(i).path().compareTo(sorted.get(j).path());
      if (cmp < 0) {
        Entry b = old.get(i++);
        if (removed.contains(b.path())) leftBehind.add(b);
        else result.add(b);
      } else if (cmp > 0) {
        result.add(sorted.get(j++));
      } else {
        Entry b = old.get(i++);
        Entry u = sorted.get(j++);
        if (b.type() != u.type()) leftBehind.add(b);
        result.add(u);
      }
    }
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
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).path().compareTo(path) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
