package dev.ctxd.server;

import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a materialization must change to turn a copy holding {@code before} into one holding
 * {@code after}: one merge of the two sorted manifests, in which entries the two share (a
 * manifest made by a delta reuses its base's entry objects) cost a reference comparison, so
 * the rest of the work is proportional to what changed (issue 8). Immutable.
 *
 * @param gone entries of {@code before} that are removed or change type, in path order
 * @param changed new or changed entries of {@code after}, in path order, each with what it was
 */
record CopyPlan(List<Entry> gone, List<Change> changed) {
  /** An entry to write; {@code was} is the entry the copy holds at that path, or null. */
  record Change(Entry was, Entry now) {}

  boolean isEmpty() {
    return gone.isEmpty() && changed.isEmpty();
  }

  static CopyPlan of(Manifest before, Manifest after) {
    List<Entry> gone = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    List<Entry> a = before.entries();
    List<Entry> b = after.entries();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      Entry was = i < a.size() ? a.get(i) : null;
      Entry now = j < b.size() ? b.get(j) : null;
      if (was == now) { // the same object: unchanged
        i++;
        j++;
        continue;
      }
      int cmp = was == null ? 1 : now == null ? -1 : was.path().compareTo(now.path());
      if (cmp < 0) {
        gone.add(was);
        i++;
      } else if (cmp > 0) {
        changed.add(new Change(null, now));
        j++;
      } else {
        if (was.type() != now.type()) gone.add(was);
        if (!was.equals(now)) changed.add(new Change(was.type() == now.type() ? was : null, now));
        i++;
        j++;
      }
    }
    return new CopyPlan(gone, changed);
  }

  /** The entry of {@code m} at {@code path}, or null: a binary search, since {@link Manifest#get} would index the whole manifest. */
  static Entry find(Manifest m, dev.ctxd.core.RelPath path) {
    List<Entry> sorted = m.entries();
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = sorted.get(mid).path().compareTo(path);
      if (cmp == 0) return sorted.get(mid);
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** The hard links of {@code after} (a scan for them runs only when a file they may name was rewritten). */
  static List<Entry> hardlinks(Manifest after) {
    List<Entry> links = new ArrayList<>();
    for (Entry e : after.entries()) if (e.type() == EntryType.HARDLINK) links.add(e);
    return links;
  }
}
