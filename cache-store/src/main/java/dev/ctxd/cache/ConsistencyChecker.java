package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Reads a whole store from one snapshot and lists what is wrong: undecodable context records
 * and manifests, manifests without a context or beyond its latest version, a latest version
 * without its manifest, chunks a retained manifest needs but the store lacks, and chunks whose
 * bytes do not hash to their key. Changes nothing. One instance per check.
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
      for (Digest d : ChunkLookup.missing(rocks, read, referenced.keySet())) {
        problem("chunks/" + d.hex() + " is missing, needed by " + referenced.get(d));
      }
      long chunks = checkChunkHashes(read);
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

  private long checkChunkHashes(ReadOptions read) throws RocksDBException {
    XXHash64 xxh = XXHashFactory.fastestInstance().hash64();
    long count = 0;
    try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CHUNKS), read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        count++;
        byte[] key = it.key();
        byte[] value = it.value();
        try {
          Digest expected = Keys.chunkDigest(key);
          long actual = xxh.hash(value, 0, value.length, 0);
          if (actual != expected.value()) {
            problem("chunks/" + expected.hex() + " holds " + value.length + " bytes that hash to " + new Digest(actual));
          }
        } catch (CorruptStoreException e) {
          problem("chunks/" + hex(key) + ": " + e.getMessage());
        }
      }
      it.status();
    }
    return count;
  }

  private void problem(String text) {
    if (problems.size() < MAX_PROBLEMS) problems.add(text);
    else unlisted++;
  }

  private static String hex(byte[] key) {
    return HexFormat.of().formatHex(key);
  }
}
