package dev.ctxd.sync.scan;

import dev.ctxd.core.Entry;
import dev.ctxd.core.PathOrder;
import dev.ctxd.sync.walk.WalkedEntry;
import java.util.List;

/** Pairs each walked entry with the previous manifest's entry of the same path, by merging two PathOrder lists. */
final class PreviousEntries {
  private PreviousEntries() {}

  /**
   * {@code result[i]} is the entry of {@code previous} with the path of {@code walked[i]}, or
   * null. Both lists are in PathOrder (the walk's order is Docker's, which is that order); were
   * either not, an entry would merely go unmatched and be hashed again.
   */
  static Entry[] matching(List<WalkedEntry> walked, List<Entry> previous) {
    Entry[] out = new Entry[walked.size()];
    int k = 0;
    for (int i = 0; i < out.length && k < previous.size(); i++) {
      String path = walked.get(i).path().value();
      while (k < previous.size()) {
        String candidate = previous.get(k).path().value();
        if (candidate.equals(path)) {
          out[i] = previous.get(k++);
          break;
        }
        if (PathOrder.compare(candidate, path) > 0) break; // not in the previous manifest
        k++;
      }
    }
    return out;
  }
}
