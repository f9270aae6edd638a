package dev.ctxd.cache;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the store holds and what each part of it costs on disk, read from one snapshot by
 * {@link CacheStore#usage()}: every context with the chunks its retained manifests reference,
 * every chunk once, and the store files no record accounts for. Sizes are shares of the bytes
 * the store's directory really occupies ({@code du -sb}): {@code diskBytes} equals the sum of
 * every context's {@code snapshotBytes}, every chunk's {@code diskBytes}, {@code garbageBytes}
 * and {@code overheadBytes}. Immutable.
 *
 * @param garbageBytes blob-file bytes of chunks already deleted, freed by the next full compaction
 * @param overheadBytes RocksDB's own files (MANIFEST, OPTIONS, info logs) and what no record owns
 */
public record StoreUsage(List<ContextUsage> contexts, Map<Long, ChunkStat> chunks, long garbageBytes, long overheadBytes,
    long diskBytes, long commitCount) {

  public StoreUsage {
    contexts = List.copyOf(contexts);
    chunks = Map.copyOf(chunks);
  }

  /**
   * One context: its record, whether an open session leases it, the disk share of its
   * manifests and record, and the digests (as raw values, sorted, unique) its retained
   * manifests reference.
   */
  public record ContextUsage(ContextRecord record, boolean leased, long snapshotBytes, long[] chunks) {
    public ContextUsage {
      Objects.requireNonNull(record, "record");
      chunks = chunks.clone();
    }

    @Override
    public long[] chunks() {
      return chunks.clone();
    }
  }

  /** One stored chunk: raw length, when it was last stored, its disk share, and whether an in-flight sync pins it. */
  public record ChunkStat(int length, long storedAtMillis, long diskBytes, boolean pinned) {}
}
