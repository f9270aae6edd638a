package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Reads a whole store from one snapshot and lists what is wrong: undecodable context records
 * and manifests, manifests without a context or beyond its latest version, a latest version
 * without its manifest, chunks a retained manifest needs but the store lacks, chunks whose
 * bytes do not hash to their key, and {@code chunks} and {@code chunk_index} disagreeing (a key
 * in one but not the other, an undecodable index value, an indexed length that is not the
 * stored one). Changes nothing. One instance per check.
 */
final class ConsistencyChecker {
  /** Problems beyond this many are counted, not listed, so a wrecked store gives a readable report. */
  static final int MAX_PROBLEMS = 1000;

  private final RocksHandles rocks;
  private final List<String> problems = new ArrayList<>();
  private int unlisted;
  private final Map<ContextId, ContextRecord> contexts = new HashMap<>();
  private final Map<Digest, String> referenced = new LinkedHashMap<>();

  ConsistencyChecker(RocksHandles rocks) {
    this.rocks = rocks;
  }

  ConsistencyReport run() throws RocksDBException {
    Snapshot snapshot = rocks.db.getSnapshot();
    // fillCache off: a full scan should not evict the daemon's working set.
    try (ReadOptions read = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
      long manifests = checkManifests(read);
      checkContexts(read);
      // Judged by chunks, not by the index: a manifest needs the bytes. Index disagreements
      // are reported by the scan.
      Set<Digest> unseen = new HashSet<>(referenced.keySet());
      long chunks = checkChunks(read, unseen);
      checkOwners(read);
      for (Map.Entry<Digest, String> r : referenced.entrySet()) {
        if (unseen.contains(r.getKey())) problem("chunks/" + r.getKey().hex() + " is missing, needed by " + r.getValue());
      }
      if (unlisted > 0) problems.add("... and " + unlisted + " more problems");
      return new ConsistencyReport(contexts.size(), manifests, chunks, problems);
    } finally {
      rocks.db.releaseSnapshot(snapshot);
    }
  }

  private void checkContexts(ReadOptions read) {
    // contexts were loaded by checkManifests; here, each latest version needs its manifest.
    for (ContextRecord r : contexts.values()) {
      if (r.latestVersion() == 0) continue;
      try {
        if (rocks.db.get(rocks.cf(Column.MANIFESTS), read, Keys.manifest(r.id(), r.latestVersion())) == null) {
          problem("context '" + r.key() + "' (" + r.id() + ") has latest version " + r.latestVersion() + " but no such manifest");
        }
      } catch (RocksDBException e) {
        problem("context '" + r.key() + "': reading its latest manifest failed: " + e.getMessage());
      }
    }
  }

  private void loadContexts(ReadOptions read) throws RocksDBException {
    try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CONTEXTS), read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String where = "contexts/" + hex(it.key());
        try {
          ContextRecord r = ContextCodec.decode(it.value(), where);
          if (!Arrays.equals(Keys.context(r.id()), it.key())) {
            problem(where + " holds context '" + r.key() + "' whose id is " + r.id());
          } else {
            contexts.put(r.id(), r);
          }
        } catch (CorruptStoreException e) {
          problem(e.getMessage());
        }
      }
      it.status();
    }
  }

  private long checkManifests(ReadOptions read) throws RocksDBException {
    loadContexts(read);
    long count = 0;
    try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.MANIFESTS), read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        count++;
        byte[] key = it.key();
        String where = "manifests/" + Keys.describeManifest(key);
        if (key.length != Keys.MANIFEST_KEY_BYTES) {
          problem(where + " has a malformed key");
          continue;
        }
        ContextRecord owner = contexts.get(ContextId.fromBytes(key, 0));
        long version = Keys.manifestVersion(key);
        if (owner == null) problem(where + " belongs to no context");
        else if (version > owner.latestVersion()) problem(where + " is newer than the context's latest version " + owner.latestVersion());
        try {
          Manifest m = ManifestCodec.decode(it.value(), where);
          for (Entry e : m.entries()) {
            for (Digest d : e.contentChunks()) referenced.putIfAbsent(d, where + " path " + e.path());
          }
        } catch (CorruptStoreException e) {
          problem(e.getMessage());
        }
      }
      it.status();
    }
    return count;
  }

  /**
   * Walks {@code chunks} and {@code chunk_index} side by side (both are ordered by the same
   * 8-byte key), hashes every chunk, compares it with its index entry and removes each stored
   * digest from {@code unseen}. Returns the number of chunks.
   */
  private long checkChunks(ReadOptions read, Set<Digest> unseen) throws RocksDBException {
    XXHash64 xxh = XXHashFactory.fastestInstance().hash64();
    long count = 0;
    try (RocksIterator chunks = rocks.db.newIterator(rocks.cf(Column.CHUNKS), read);
         RocksIterator index = rocks.db.newIterator(rocks.cf(Column.CHUNK_INDEX), read)) {
      chunks.seekToFirst();
      index.seekToFirst();
      while (chunks.isValid() || index.isValid()) {
        // The default comparator orders keys as unsigned bytes.
        int order = !chunks.isValid() ? 1 : !index.isValid() ? -1 : Arrays.compareUnsigned(chunks.key(), index.key());
        if (order <= 0) {
          count++;
          checkChunk(chunks.key(), chunks.value(), order == 0 ? index.value() : null, xxh, unseen);
          chunks.next();
          if (order == 0) index.next();
        } else {
          indexWithoutChunk(index.key());
          index.next();
        }
      }
      chunks.status();
      index.status();
    }
    return count;
  }

  private void checkChunk(byte[] key, byte[] value, byte[] indexValue, XXHash64 xxh, Set<Digest> unseen) {
    Digest digest;
    try {
      digest = Keys.chunkDigest(key);
    } catch (CorruptStoreException e) {
      problem("chunks/" + hex(key) + ": " + e.getMessage());
      return;
    }
    unseen.remove(digest);
    long actual = xxh.hash(value, 0, value.length, 0);
    if (actual != digest.value()) {
      problem("chunks/" + digest.hex() + " holds " + value.length + " bytes that hash to " + new Digest(actual));
    }
    if (indexValue == null) {
      problem("chunks/" + digest.hex() + " has no chunk_index entry (findMissing reports it missing)");
      return;
    }
    try {
      ChunkIndexEntry entry = ChunkIndexEntry.decode(indexValue, "chunk_index/" + digest.hex());
      if (entry.length() != value.length) {
        problem("chunk_index/" + digest.hex() + " says " + entry.length() + " bytes but chunks/" + digest.hex() + " holds " + value.length);
      }
    } catch (CorruptStoreException e) {
      problem(e.getMessage());
    }
  }

  /** An owner row without its chunk means a delete forgot {@link ChunkOwnership#deleteOwners}: a later upload would look owned. */
  private void checkOwners(ReadOptions read) throws RocksDBException {
    try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CHUNK_OWNERS), read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (key.length <= Long.BYTES) {
          problem("chunk_owners/" + hex(key) + ": key of " + key.length + " bytes, want 8 + a tenant id");
          continue;
        }
        byte[] digest = java.util.Arrays.copyOf(key, Long.BYTES);
        if (rocks.db.get(rocks.cf(Column.CHUNK_INDEX), read, digest) == null) {
          problem("chunk_owners/" + hex(digest) + " (tenant " + new String(key, Long.BYTES, key.length - Long.BYTES, java.nio.charset.StandardCharsets.UTF_8)
              + ") names a chunk the store lacks (deleting a chunk must delete its owner rows)");
        }
      }
      it.status();
    }
  }

  private void indexWithoutChunk(byte[] key) {
    if (key.length != Long.BYTES) {
      problem("chunk_index/" + hex(key) + ": key of " + key.length + " bytes, want 8");
      return;
    }
    problem("chunk_index/" + hex(key) + " has no chunk in chunks (findMissing reports it present, getChunk fails)");
  }

  private void problem(String text) {
    if (problems.size() < MAX_PROBLEMS) problems.add(text);
    else unlisted++;
  }

  private static String hex(byte[] key) {
    return HexFormat.of().formatHex(key);
  }
}
