package dev.ctxd.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The change from one manifest to the next: entries added or changed in any field, and
 * paths removed. {@code diff(a, b).applyTo(a)} equals {@code b}.
 */
public record ManifestDelta(List<Entry> upserts, List<RelPath> removals) {
  public ManifestDelta {
    upserts = List.copyOf(upserts);
    removals = List.copyOf(removals);
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && removals.isEmpty();
  }

  /** Merges two sorted entry lists in one pass. */
  public static ManifestDelta diff(Manifest from, Manifest to) {
    if (from == to) return new ManifestDelta(List.of(), List.of()); // a rebuild that found nothing new
    List<Entry> upserts = new ArrayList<>();
    List<RelPath> removals = new ArrayList<>();
    List<Entry> a = from.entries();
    List<Entry> b = to.entries();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      // The scanner shares unchanged Entry objects with the previous manifest: same object, same entry.
      int cmp = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i) == b.get(j) ? 0 : a.get(i).path().compareTo(b.get(j).path());
      if (cmp < 0) {
        removals.add(a.get(i++).path());
      } else if (cmp > 0) {
        upserts.add(b.get(j++));
      } else {
        if (a.get(i) != b.get(j) && !a.get(i).equals(b.get(j))) upserts.add(b.get(j));
        i++;
        j++;
      }
    }
    return new ManifestDelta(upserts, removals);
  }

  /** The manifest {@code base} becomes; validation catches deltas that break the tree's rules. */
  public Manifest applyTo(Manifest base) throws InvalidManifestException {
    Set<RelPath> removed = new HashSet<>(removals);
    Set<RelPath> replaced = new HashSet<>();
    for (Entry e : upserts) {
      if (!replaced.add(e.path())) throw new InvalidManifestException("duplicate entry in delta: " + e.path());
    }
    for (RelPath r : removed) {
      if (base.get(r) == null) throw new InvalidManifestException("delta removes " + r + ", which the base does not have");
      if (replaced.contains(r)) throw new InvalidManifestException("delta both removes and sets " + r);
    }
    List<Entry> result = new ArrayList<>(base.size() + upserts.size());
    for (Entry e : base.entries()) {
      if (!removed.contains(e.path()) && !replaced.contains(e.path())) result.add(e);
    }
    result.addAll(upserts);
    return Manifest.of(result);
  }

  @Override
  public String toString() {
    return "ManifestDelta[" + upserts.size() + " upserts, " + removals.size() + " removals]";
  }

  public static ManifestDelta of(List<Entry> upserts, List<RelPath> removals) {
    return new ManifestDelta(Objects.requireNonNull(upserts), Objects.requireNonNull(removals));
  }
}
