package dev.ctxd.core;

import java.util.List;

/**
 * The concatenated encodings of a manifest's entries, with where each ends, so that the
 * encoding of a manifest derived from this one costs what changed: entries shared with the
 * base (the same objects, as {@link ManifestDelta#applyTo} leaves them) are copied as byte
 * ranges, the rest are encoded (issue 8: the context digest and the stored manifest of a
 * one-file edit of the kernel tree re-encoded all 84k entries). Immutable once made;
 * thread-safe.
 */
public final class EncodedEntries {
  /** Encodes one entry; {@code previous} is the entry before it (null for the first). */
  @FunctionalInterface
  public interface Encoder {
    void encode(Entry previous, Entry entry, ByteSink out);
  }

  private final List<Entry> entries;
  private final byte[] bytes;
  private final int length;
  private final int[] ends; // ends[i]: the offset just past entry i

  private EncodedEntries(List<Entry> entries, byte[] bytes, int length, int[] ends) {
    this.entries = entries;
    this.bytes = bytes;
    this.length = length;
    this.ends = ends;
  }

  /** Encodes every entry. */
  public static EncodedEntries of(List<Entry> entries, Encoder encoder) {
    ByteSink out = new ByteSink(64 + entries.size() * 80);
    int[] ends = new int[entries.size()];
    Entry previous = null;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      encoder.encode(previous, e, out);
      ends[i] = out.size();
      previous = e;
    }
    return new EncodedEntries(entries, out.array(), out.size(), ends);
  }

  /**
   * The encoding of {@code entries} (sorted in {@link PathOrder}, like the base's), equal byte
   * for byte to {@link #of}: an entry that is the very object the base holds at the matching
   * place is copied, unless {@code usesPrevious} and the entry before it is not the base's
   * entry before it either; every other entry is encoded.
   */
  public static EncodedEntries derive(EncodedEntries base, List<Entry> entries, Encoder encoder, boolean usesPrevious) {
    List<Entry> old = base.entries;
    ByteSink out = new ByteSink(base.length + 1024);
    int[] ends = new int[entries.size()];
    int i = 0; // the next base entry not yet matched or passed
    int runStart = -1; // base offset where the pending copied range starts
    int runEnd = -1;
    int copiedFrom = -2; // the base index of the entry just copied, else -2
    Entry previous = null;
    for (int j = 0; j < entries.size(); j++) {
      Entry e = entries.get(j);
      boolean same = i < old.size() && old.get(i) == e;
      if (!same) {
        // Base entries ordered before e are gone; one at e's path is replaced.
        while (i < old.size() && old.get(i).path().compareTo(e.path()) < 0) i++;
        same = i < old.size() && old.get(i) == e;
      }
      if (same && (!usesPrevious || copiedFrom == i - 1 || (i == 0 && j == 0))) {
        int start = i == 0 ? 0 : base.ends[i - 1];
        if (runEnd != start) {
          flush(base, runStart, runEnd, out);
          runStart = start;
        }
        runEnd = base.ends[i];
        ends[j] = out.size() + (runEnd - runStart);
        copiedFrom = i;
        i++;
      } else {
        flush(base, runStart, runEnd, out);
        runStart = runEnd = -1;
        encoder.encode(previous, e, out);
        ends[j] = out.size();
        if (i < old.size() && old.get(i).path().equals(e.path())) i++;
        copiedFrom = -2;
      }
      previous = e;
    }
    flush(base, runStart, runEnd, out);
    return new EncodedEntries(entries, out.array(), out.size(), ends);
  }

  private static void flush(EncodedEntries base, int start, int end, ByteSink out) {
    if (start >= 0 && end > start) out.write(base.bytes, start, end - start);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The backing array (not copied); bytes {@code 0..length()-1} are the encoding. */
  public byte[] array() {
    return bytes;
  }

  public int length() {
    return length;
  }
}
