package dev.ctxd.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
      // Manifests derived from one another share entry objects: the same object needs no comparing.
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

  /**
   * The manifest {@code base} becomes; validation catches deltas that break the tree's rules.
   * An empty delta gives {@code base} itself; otherwise only what the delta touches is
   * re-checked ({@link DeltaApplier}).
   */
  public Manifest applyTo(Manifest base) throws InvalidManifestException {
    return DeltaApplier.apply(base, upserts, removals);
  }

  @Override
  public String toString() {
    return "ManifestDelta[" + upserts.size() + " upserts, " + removals.size() + " removals]";
  }

  public static ManifestDelta of(List<Entry> upserts, List<RelPath> removals) {
    return new ManifestDelta(Objects.requireNonNull(upserts), Objects.requireNonNull(removals));
  }
}
