package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Builds a {@link StoreUsage}: reads contexts, manifests and {@code chunk_index} from one
 * snapshot, then shares the directory's real size ({@code du -sb}) out among them.
 *
 * <p>How bytes are shared: RocksDB's own files (MANIFEST, OPTIONS, logs) are overhead. The
 * rest (SST, blob and WAL files) is split in proportion to estimates per record: a chunk in a
 * blob file costs its length times the blob files' live bytes per chunk byte; a chunk stored
 * inline costs its length times the {@code chunks} SST bytes per inline chunk byte (those are
 * LZ4-compressed, so a chunk of source text costs less than its length); each chunk also gets
 * an equal share of {@code chunk_index}; a manifest its stored length times the
 * {@code manifests} SST bytes per stored byte. Blob garbage (deleted chunks still in blob files)
 * is its own share. Per-record shares are estimates; their sum is exact.
 */
final class UsageScan {
  private static final String[] DATA_SUFFIXES = {".sst", ".blob", ".log"};

  private final RocksHandles rocks;
  private final Path dir;
  private final Holds holds;
  private final ManifestCache manifests;

  UsageScan(RocksHandles rocks, Path dir, Holds holds, ManifestCache manifests) {
    this.rocks = rocks;
    this.dir = dir;
    this.holds = holds;
    this.manifests = manifests;
  }

  StoreUsage run() throws RocksDBException, CorruptStoreException {
    long commits = holds.commits.get();
    Snapshot snapshot = rocks.db.getSnapshot();
    Map<ContextId, ContextRecord> records = new HashMap<>();
    Map<ContextId, Set<Long>> refs = new HashMap<>();
    Map<ContextId, Long> manifestBytes = new HashMap<>();
    Map<Long, int[]> lengths = new HashMap<>();
    Map<Long, Long> storedAt = new HashMap<>();
    try (ReadOptions read = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
      try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CONTEXTS), read)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          ContextRecord r = ContextCodec.decode(it.value(), "contexts/" + ContextId.fromBytes(it.key(), 0) + " in " + dir);
          records.put(r.id(), r);
        }
        it.status();
      }
      try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.MANIFESTS), read)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] key = it.key();
          if (key.length != Keys.MANIFEST_KEY_BYTES) continue;
          ContextId id = ContextId.fromBytes(key, 0);
          if (!records.containsKey(id)) continue; // an orphan manifest: overhead here, a problem for check()
          byte[] value = it.value();
          manifestBytes.merge(id, (long) value.length, Long::sum);
          // Decoded already when cached (a version's content never changes; a removal drops it).
          ManifestCache.Cached cached = manifests.get(records.get(id).key(), Keys.manifestVersion(key));
          Manifest m = cached != null ? cached.manifest() : ManifestCodec.decode(value, "manifests/" + Keys.describeManifest(key) + " in " + dir);
          Set<Long> set = refs.computeIfAbsent(id, k -> new HashSet<>());
          for (Entry e : m.entries()) for (Digest d : e.contentChunks()) set.add(d.value());
        }
        it.status();
      }
      try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CHUNK_INDEX), read)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          Digest d = Keys.chunkDigest(it.key());
          ChunkIndexEntry e = ChunkIndexEntry.decode(it.value(), "chunk_index/" + d.hex() + " in " + dir);
          lengths.put(d.value(), new int[] {e.length()});
          storedAt.put(d.value(), e.storedAtMillis());
        }
        it.status();
      }
    } finally {
      rocks.db.releaseSnapshot(snapshot);
    }
    return share(records, refs, manifestBytes, lengths, storedAt, commits);
  }

  private StoreUsage share(Map<ContextId, ContextRecord> records, Map<ContextId, Set<Long>> refs, Map<ContextId, Long> manifestBytes,
      Map<Long, int[]> lengths, Map<Long, Long> storedAt, long commits) throws RocksDBException {
    Map<String, Long> sst = sstBytesByColumn();
    long blobFiles = rocks.db.getLongProperty(rocks.cf(Column.CHUNKS), "rocksdb.total-blob-file-size");
    long garbage = rocks.db.getLongProperty(rocks.cf(Column.CHUNKS), "rocksdb.live-blob-file-garbage-size");
    long inlineSum = 0;
    long blobSum = 0;
    for (int[] l : lengths.values()) {
      if (l[0] >= RocksHandles.MIN_BLOB_BYTES) blobSum += l[0];
      else inlineSum += l[0];
    }
    long manifestSum = 0;
    for (long b : manifestBytes.values()) manifestSum += b;
    double inlineRatio = ratio(sst.getOrDefault(Column.CHUNKS.cfName, 0L), inlineSum);
    double blobRatio = ratio(blobFiles - garbage, blobSum);
    double manifestRatio = ratio(sst.getOrDefault(Column.MANIFESTS.cfName, 0L), manifestSum);
    long indexBytes = sst.getOrDefault(Column.CHUNK_INDEX.cfName, 0L);
    double indexShare = lengths.isEmpty() ? 0 : indexBytes > 0 ? (double) indexBytes / lengths.size() : ChunkIndexEntry.BYTES + Long.BYTES;

    long[] files = fileBytes();
    long disk = files[0] + files[1];
    double weights = garbage;
    for (int[] l : lengths.values()) weights += chunkWeight(l[0], inlineRatio, blobRatio, indexShare);
    weights += manifestSum * manifestRatio;
    double scale = weights > 0 ? Math.max(0, files[1]) / weights : 0;

    Set<Long> pinned = holds.pinnedDigests();
    Set<String> leased = holds.leasedKeys();
    long shared = 0;
    Map<Long, StoreUsage.ChunkStat> chunks = new HashMap<>();
    for (Map.Entry<Long, int[]> e : lengths.entrySet()) {
      int length = e.getValue()[0];
      long bytes = Math.round(chunkWeight(length, inlineRatio, blobRatio, indexShare) * scale);
      shared += bytes;
      chunks.put(e.getKey(), new StoreUsage.ChunkStat(length, storedAt.get(e.getKey()), bytes, pinned.contains(e.getKey())));
    }
    List<StoreUsage.ContextUsage> contexts = new ArrayList<>();
    for (ContextRecord r : records.values()) {
      long bytes = Math.round(manifestBytes.getOrDefault(r.id(), 0L) * manifestRatio * scale);
      shared += bytes;
      long[] digests = refs.getOrDefault(r.id(), Set.of()).stream().mapToLong(Long::longValue).filter(chunks::containsKey).toArray();
      Arrays.sort(digests);
      contexts.add(new StoreUsage.ContextUsage(r, leased.contains(r.key()), bytes, digests));
    }
    long garbageShare = Math.round(garbage * scale);
    shared += garbageShare;
    return new StoreUsage(contexts, chunks, garbageShare, disk - shared, disk, commits);
  }

  private static double chunkWeight(int length, double inlineRatio, double blobRatio, double indexShare) {
    return length * (length >= RocksHandles.MIN_BLOB_BYTES ? blobRatio : inlineRatio) + indexShare;
  }

  /** Measured over estimated; 1 when either is unknown (all of it still in the memtable and WAL). */
  private static double ratio(long measured, long estimated) {
    return measured > 0 && estimated > 0 ? (double) measured / estimated : 1.0;
  }

  private Map<String, Long> sstBytesByColumn() {
    Map<String, Long> bytes = new HashMap<>();
    for (LiveFileMetaData f : rocks.db.getLiveFilesMetaData()) {
      bytes.merge(new String(f.columnFamilyName(), StandardCharsets.UTF_8), f.size(), Long::sum);
    }
    return bytes;
  }

  /** {@code [RocksDB's own files and the directory, SST/blob/WAL files]}, apparent sizes as du -sb. */
  private long[] fileBytes() {
    Map<String, Long> buckets = ApparentSize.byBucket(dir, rel -> {
      String name = rel.toString();
      for (String suffix : DATA_SUFFIXES) if (name.endsWith(suffix)) return "data";
      return "own";
    });
    return new long[] {buckets.getOrDefault("own", 0L), buckets.getOrDefault("data", 0L)};
  }
}
