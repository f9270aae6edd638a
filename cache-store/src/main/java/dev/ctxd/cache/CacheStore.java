package dev.ctxd.cache;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's content cache: chunks by digest, and for each context (a client-chosen key)
 * its last few committed manifests and usage data, in one RocksDB database (layout in
 * {@link Column}).
 *
 * <p>Thread-safety: safe for concurrent use by many sessions. Reads and chunk writes run in
 * parallel; {@link #commit} and {@link #touch} of the same context are serialised by a
 * striped lock so versions never collide. {@link #close()} waits for running calls; calls after
 * it throw {@link IllegalStateException}.
 *
 * <p>Lifecycle: whoever opens a store closes it; {@code close()} is idempotent. One process
 * may open a directory for writing at a time (RocksDB's LOCK file); read-only opens see the
 * state at open time and never write.
 */
@SuppressWarnings("try") // try (Guard g = enter()) holds the lifecycle lock; g is unused on purpose
public final class CacheStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheStore.class);
  private static final int MAX_CONTEXT_KEY_CHARS = 4096;
  // Decoded manifest entries kept in memory, in all: five kernel-sized versions, about 60 MB.
  private static final long MANIFEST_CACHE_ENTRIES = 400_000;
  private static final int FEW_CHUNKS = 256;

  private final Path dir;
  private final boolean readOnly;
  private final CacheStoreOptions options;
  private final RocksHandles rocks;
  private final String storeId;
  private final KeyLocks keyLocks = new KeyLocks();
  private final Holds holds = new Holds();
  private final ManifestCache manifests = new ManifestCache(MANIFEST_CACHE_ENTRIES);
  // A kernel-sized manifest's entry encoding is about 4 MB; a dev loop commits one context at a time.
  private final EncodingMemo encodings = new EncodingMemo(2);
  private final UnloggedWrites unlogged = new UnloggedWrites();
  // Calls hold the read lock, close() the write lock: no call runs on a freed native handle.
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  private CacheStore(Path dir, boolean readOnly, CacheStoreOptions options, RocksHandles rocks, String storeId) {
    this.dir = dir;
    this.readOnly = readOnly;
    this.options = options;
    this.rocks = rocks;
    this.storeId = storeId;
  }

  /** Opens the store in {@code dir} for reading and writing, creating it if absent. */
  public static CacheStore open(Path dir) throws CacheStoreException {
    return open(dir, CacheStoreOptions.defaults());
  }

  public static CacheStore open(Path dir, CacheStoreOptions options) throws CacheStoreException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CacheStoreException("create cache store directory " + dir + ": " + e.getMessage(), e);
    }
    return openWith(dir, false, options);
  }

  /** Opens an existing store without ever writing to it, e.g. for {@code ctx system df} while a daemon runs. */
  public static CacheStore openReadOnly(Path dir) throws CacheStoreException {
    return openReadOnly(dir, CacheStoreOptions.defaults());
  }

  public static CacheStore openReadOnly(Path dir, CacheStoreOptions options) throws CacheStoreException {
    if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
      throw new NotFoundException("open cache store read-only in " + dir + ": no store there (wrong --root?)");
    }
    return openWith(dir, true, options);
  }

  private static CacheStore openWith(Path dir, boolean readOnly, CacheStoreOptions options) throws CacheStoreException {
    RocksHandles rocks;
    try {
      rocks = new RocksHandles(dir, readOnly);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("open cache store", dir, e);
    }
    try {
      String id = StoreMeta.readOrCreate(rocks, dir, readOnly);
      log.debug("opened cache store {} in {}{}", id, dir, readOnly ? " read-only" : "");
      return new CacheStore(dir, readOnly, options, rocks, id);
    } catch (CacheStoreException | RuntimeException e) {
      rocks.close();
      throw e;
    }
  }

  /** A random id made when the store was created; a new id means the cache was recreated. */
  public String storeId() {
    return storeId;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The digests among {@code digests} that are not stored, in first-seen order, without
   * duplicates. Reads only the small {@code chunk_index} entries, never chunk bytes.
   */
  public Set<Digest> findMissing(Collection<Digest> digests) throws CacheStoreException {
    try (Guard g = enter(); ReadOptions read = new ReadOptions()) {
      return ChunkLookup.missing(rocks, read, digests);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("find missing chunks", dir, e);
    }
  }

  /**
   * The stored length of each of {@code digests} that the store holds (absent ones are left
   * out), from {@code chunk_index} alone: one lookup answers both "is it missing" and "does
   * it have the length the client declares".
   */
  public Map<Digest, Integer> chunkLengths(Collection<Digest> digests) throws CacheStoreException {
    try (Guard g = enter(); ReadOptions read = new ReadOptions()) {
      return ChunkLookup.lengths(rocks, read, digests, dir.toString());
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("look up chunk lengths", dir, e);
    }
  }

  /**
   * Stores one chunk whose digest the caller has verified. Storing a present chunk again is
   * harmless but wastes blob space until garbage collection; call {@link #findMissing} first.
   */
  public void putChunk(Digest digest, byte[] raw, int offset, int length) throws CacheStoreException {
    putChunks(List.of(new ChunkWrite(digest, raw, offset, length)));
  }

  /**
   * Stores several chunks in one atomic, WAL-logged write ({@link ChunkDurability#LOGGED}). Each chunk's {@code chunk_index}
   * entry goes in the same batch, so a chunk is never indexed without its bytes or the reverse.
   */
  public void putChunks(List<ChunkWrite> chunks) throws CacheStoreException {
    putChunks(chunks, ChunkDurability.LOGGED);
  }

  /** As {@link #putChunks(List)}, reaching disk as {@code durability} says. */
  public void putChunks(List<ChunkWrite> chunks, ChunkDurability durability) throws CacheStoreException {
    checkWritable("put chunks");
    try (Guard g = enter(); WriteBatch batch = new WriteBatch()) {
      for (ChunkWrite c : chunks) addChunk(batch, c);
      write(batch, durability);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("put " + chunks.size() + " chunk(s)", dir, e);
    }
  }

  /** Adds a chunk's bytes and its {@code chunk_index} entry to {@code batch}: one is never written without the other. */
  void addChunk(WriteBatch batch, ChunkWrite c) throws RocksDBException {
    if (c.length() > Chunking.CHUNK_SIZE) {
      throw new IllegalArgumentException("chunk " + c.digest() + " of " + c.length() + " bytes exceeds " + Chunking.CHUNK_SIZE);
    }
    byte[] value = c.offset() == 0 && c.length() == c.raw().length
        ? c.raw() : Arrays.copyOfRange(c.raw(), c.offset(), c.offset() + c.length());
    byte[] key = Keys.chunk(c.digest());
    batch.put(rocks.cf(Column.CHUNKS), key, value);
    batch.put(rocks.cf(Column.CHUNK_INDEX), key, new ChunkIndexEntry(c.length(), options.clock().millis()).encode());
  }

  /** Writes a batch of chunk data (the caller holds the guard). */
  void write(WriteBatch batch, ChunkDurability durability) throws RocksDBException, CacheStoreException {
    checkWritable("put chunks");
    if (durability == ChunkDurability.LOGGED) {
      rocks.db.write(rocks.asyncWrite, batch);
    } else {
      rocks.db.write(rocks.unloggedWrite, batch);
      unlogged.recorded();
    }
  }

  /** Whether a chunk written {@link ChunkDurability#AT_NEXT_COMMIT} may still be in memory only (for tests). */
  public boolean unloggedPending() {
    return unlogged.pending();
  }

  /** The bytes of a stored chunk; {@link BlobNotFoundException} when absent. */
  public byte[] getChunk(Digest digest) throws CacheStoreException {
    try (Guard g = enter()) {
      byte[] value = rocks.db.get(rocks.cf(Column.CHUNKS), Keys.chunk(digest));
      if (value == null) throw new BlobNotFoundException(digest, dir.toString());
      return value;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get " + digest, dir, e);
    }
  }

  /**
   * The length in bytes of a stored chunk, from {@code chunk_index} without reading the chunk;
   * {@link BlobNotFoundException} when absent.
   */
  public long chunkLength(Digest digest) throws CacheStoreException {
    try (Guard g = enter()) {
      byte[] value = rocks.db.get(rocks.cf(Column.CHUNK_INDEX), Keys.chunk(digest));
      if (value == null) throw new BlobNotFoundException(digest, dir.toString());
      return ChunkIndexEntry.decode(value, "chunk_index/" + digest.hex() + " in " + dir).length();
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get length of " + digest, dir, e);
    }
  }

  /** The id of {@code contextKey} (see {@link ContextId}); rejects empty or overlong keys. */
  public ContextId contextId(String contextKey) {
    if (contextKey == null || contextKey.isEmpty() || contextKey.length() > MAX_CONTEXT_KEY_CHARS) {
      throw new IllegalArgumentException("context key must have 1.." + MAX_CONTEXT_KEY_CHARS + " characters: " + contextKey);
    }
    return ContextId.of(contextKey);
  }

  /** The latest committed version of a context, 0 if it was never committed. */
  public long latestVersion(String contextKey) throws CacheStoreException {
    try (Guard g = enter()) {
      ContextRecord r = readContext(contextKey);
      return r == null ? 0 : r.latestVersion();
    }
  }

  /** A retained manifest version; {@link ManifestNotFoundException} when never made or pruned. */
  public Manifest manifest(String contextKey, long version) throws CacheStoreException {
    ContextId id = contextId(contextKey);
    try (Guard g = enter()) {
      ManifestCache.Cached cached = manifests.get(contextKey, version);
      if (cached != null) return cached.manifest();
      long generation = manifests.generation(contextKey);
      byte[] key = Keys.manifest(id, version);
      byte[] value = rocks.db.get(rocks.cf(Column.MANIFESTS), key);
      if (value == null) {
        long latest = latestVersionOf(readContext(contextKey));
        String why = version < 1 || version > latest ? "latest is " + latest
            : "pruned (the store keeps the last " + options.keepVersions() + " versions)";
        throw new ManifestNotFoundException(contextKey, version, why);
      }
      Manifest manifest = ManifestCodec.decode(value, "manifests/" + Keys.describeManifest(key) + " of context '" + contextKey + "' in " + dir);
      manifests.loaded(contextKey, generation, version, manifest);
      return manifest;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get manifest v" + version + " of context '" + contextKey + "'", dir, e);
    }
  }

  /**
   * Commits {@code manifest} as the next version of the context and returns that version.
   * Refuses with {@link MissingContentException} (and changes nothing) unless every chunk of
   * every file is stored (judged by {@code chunk_index}, like {@link #findMissing}). The
   * manifest, the context's usage data and the pruning of versions beyond
   * {@link CacheStoreOptions#keepVersions()} are one atomic, fsynced write.
   */
  public long commit(String contextKey, Manifest manifest) throws CacheStoreException {
    return commitChecked(contextKey, manifest, null, 0, List.of(), null);
  }

  /**
   * Whether {@code manifest} is the very object {@link #manifest} or a checked commit gave for
   * that version, committed by this store with a check and retained since (see
   * {@link #commit(String, Manifest, Manifest, long, List, ChunkCheck)}).
   */
  public boolean committedAndRetained(String contextKey, long version, Manifest manifest) {
    ManifestCache.Cached known = manifests.get(contextKey, version);
    return known != null && known.verified() && known.manifest() == manifest;
  }

  /** What a commit checks beyond presence, under the commit's locks (a tenant's ownership of the chunks, say). */
  @FunctionalInterface
  public interface ChunkCheck {
    void require(Collection<Digest> chunks) throws CacheStoreException;
  }

  /**
   * Commits {@code manifest}, made by a delta from {@code base} (version {@code baseVersion} of
   * this context as {@link #manifest} returned it, or null for none), whose new or changed
   * entries are {@code changed}; {@code check} vets the chunks under the commit's locks. When
   * this store committed that very base object itself, with a check, and still retains it, its
   * chunks were checked then and stay stored (nothing removes what a retained version
   * references), so only the chunks of {@code changed} that the base lacks are looked up and checked; otherwise
   * every chunk of {@code manifest} is. Else as {@link #commit(String, Manifest)}.
   */
  public long commit(String contextKey, Manifest manifest, Manifest base, long baseVersion, List<Entry> changed, ChunkCheck check)
      throws CacheStoreException {
    return commitChecked(contextKey, manifest, base, baseVersion, changed, java.util.Objects.requireNonNull(check, "check"));
  }

  private long commitChecked(String contextKey, Manifest manifest, Manifest base, long baseVersion, List<Entry> changed, ChunkCheck check)
      throws CacheStoreException {
    checkWritable("commit context '" + contextKey + "'");
    ContextId id = contextId(contextKey);
    ReentrantLock lock = keyLocks.forKey(id);
    try (Guard g = enter(); ReadOptions read = new ReadOptions()) {
      // Chunks written without the WAL reach disk before a manifest can name them.
      unlogged.makeDurable(rocks);
      lock.lock();
      // The collector deletes chunks only under the write half: none vanishes between
      // requireContent and the write below, and it sees this commit before its next step.
      holds.gcLock.readLock().lock();
      try {
        ContextRecord previous = readContext(contextKey);
        boolean baseVerified = base != null && committedAndRetained(contextKey, baseVersion, base);
        Map<Digest, RelPath> chunks = chunksOf(baseVerified ? changed : manifest.entries());
        // Sparing the base's chunks a lookup pays when there are many (a touch-all); a few (a
        // one-file edit) are looked up faster than the base's entries are scanned.
        if (baseVerified && chunks.size() > FEW_CHUNKS) for (Entry e : base.entries()) for (Digest d : e.contentChunks()) chunks.remove(d);
        requireContent(contextKey, chunks, read);
        if (check != null) check.require(chunks.keySet());
        Instant now = options.clock().instant();
        if (previous != null && sameAsLatest(contextKey, id, previous, manifest, read)) {
          // The same tree again (builds of one context at once, a classic build's resend): its
          // version stands. A new one would push out versions that other sessions are about to build.
          ContextRecord used = new ContextRecord(contextKey, id, previous.latestVersion(), previous.created(), now,
              previous.usageCount(), previous.manifestBytes());
          rocks.db.put(rocks.cf(Column.CONTEXTS), rocks.syncWrite, Keys.context(id), ContextCodec.encode(used));
          holds.commits.incrementAndGet();
          return previous.latestVersion();
        }
        ManifestCodec.Encoded encoding = ManifestCodec.encode(manifest, encodings.get(contextKey));
        byte[] encoded = encoding.stored();
        long version = latestVersionOf(previous) + 1;
        ContextRecord next = new ContextRecord(contextKey, id, version,
            previous == null ? now : previous.created(), now,
            previous == null ? 0 : previous.usageCount(), encoded.length);
        long firstKept = version - options.keepVersions() + 1;
        try (WriteBatch batch = new WriteBatch()) {
          batch.put(rocks.cf(Column.MANIFESTS), Keys.manifest(id, version), encoded);
          if (firstKept > 1) {
            batch.deleteRange(rocks.cf(Column.MANIFESTS), Keys.manifest(id, 0), Keys.manifest(id, firstKept));
          }
          batch.put(rocks.cf(Column.CONTEXTS), Keys.context(id), ContextCodec.encode(next));
          rocks.db.write(rocks.syncWrite, batch);
        }
        manifests.committed(contextKey, version, firstKept, manifest, check != null);
        encodings.put(contextKey, encoding.entries());
        holds.commits.incrementAndGet();
        return version;
      } finally {
        holds.gcLock.readLock().unlock();
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("commit context '" + contextKey + "'", dir, e);
    }
  }

  /** Whether {@code manifest} is the context's latest version: compared in memory when cached, else as stored bytes. */
  private boolean sameAsLatest(String contextKey, ContextId id, ContextRecord previous, Manifest manifest, ReadOptions read)
      throws RocksDBException {
    ManifestCache.Cached latest = manifests.get(contextKey, previous.latestVersion());
    if (latest != null) return latest.manifest() == manifest || latest.manifest().equals(manifest);
    byte[] stored = rocks.db.get(rocks.cf(Column.MANIFESTS), read, Keys.manifest(id, previous.latestVersion()));
    return java.util.Arrays.equals(stored, ManifestCodec.encode(manifest));
  }

  private static Map<Digest, RelPath> chunksOf(List<Entry> entries) {
    Map<Digest, RelPath> firstUser = new LinkedHashMap<>();
    for (Entry e : entries) {
      for (Digest d : e.contentChunks()) firstUser.putIfAbsent(d, e.path());
    }
    return firstUser;
  }

  private void requireContent(String contextKey, Map<Digest, RelPath> firstUser, ReadOptions read) throws RocksDBException, MissingContentException {
    Set<Digest> missing = ChunkLookup.missing(rocks, read, firstUser.keySet());
    if (missing.isEmpty()) return;
    Map<Digest, RelPath> listed = new LinkedHashMap<>();
    for (Digest d : missing) {
      if (listed.size() == MissingContentException.LISTED) break;
      listed.put(d, firstUser.get(d));
    }
    throw new MissingContentException(contextKey, listed, missing.size());
  }

  /** Every context, sorted by key. */
  public List<ContextRecord> contexts() throws CacheStoreException {
    try (Guard g = enter()) {
      return contextsUnguarded();
    }
  }

  List<ContextRecord> contextsUnguarded() throws CacheStoreException {
    List<ContextRecord> all = new ArrayList<>();
    try (RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CONTEXTS))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        all.add(ContextCodec.decode(it.value(), "contexts/" + HexFormat.of().formatHex(it.key()) + " in " + dir));
      }
      it.status();
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("list contexts", dir, e);
    }
    all.sort(Comparator.comparing(ContextRecord::key));
    return all;
  }

  /**
   * Records a use of the context (a build: what Docker's USAGE counts): last used = now, usage
   * count + 1. A commit sets last used alone; so does {@link #refresh}. {@link NotFoundException}
   * for an unknown context.
   */
  public void touch(String contextKey) throws CacheStoreException {
    recordUse(contextKey, 1);
  }

  /** Last used = now, the usage count as it was: a sync that found nothing to commit. {@link NotFoundException} for an unknown context. */
  public void refresh(String contextKey) throws CacheStoreException {
    recordUse(contextKey, 0);
  }

  private void recordUse(String contextKey, int uses) throws CacheStoreException {
    checkWritable("touch context '" + contextKey + "'");
    ContextId id = contextId(contextKey);
    ReentrantLock lock = keyLocks.forKey(id);
    try (Guard g = enter()) {
      lock.lock();
      try {
        ContextRecord r = readContext(contextKey);
        if (r == null) throw new NotFoundException("touch context '" + contextKey + "' in " + dir + ": no such context");
        ContextRecord next = new ContextRecord(r.key(), id, r.latestVersion(), r.created(),
            options.clock().instant(), r.usageCount() + uses, r.manifestBytes());
        // Usage data is advisory (it orders pruning), so it is not fsynced.
        rocks.db.put(rocks.cf(Column.CONTEXTS), rocks.asyncWrite, Keys.context(id), ContextCodec.encode(next));
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("touch context '" + contextKey + "'", dir, e);
    }
  }

  /** Reads the whole store and lists every inconsistency; changes nothing. Slow: it hashes every chunk. */
  public ConsistencyReport check() throws CacheStoreException {
    try (Guard g = enter()) {
      return new ConsistencyChecker(rocks).run();
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("check", dir, e);
    }
  }

  /** A lease on {@code contextKey}: until closed, no {@link #remove} touches it or the chunks pinned through it. */
  public ContextLease lease(String contextKey) {
    contextId(contextKey);
    try (Guard g = enter()) {
      holds.gcLock.readLock().lock();
      try {
        holds.lease(contextKey);
      } finally {
        holds.gcLock.readLock().unlock();
      }
      return new ContextLease(this, holds, contextKey);
    }
  }

  /** For {@link ContextLease}: pins, then looks up, in the order every call takes the locks (lifecycle, then GC). */
  Map<Digest, Integer> pinAndLookup(Collection<Digest> newPins, Collection<Digest> digests) throws CacheStoreException {
    try (Guard g = enter(); ReadOptions read = new ReadOptions()) {
      holds.gcLock.readLock().lock();
      try {
        holds.pin(newPins);
        return ChunkLookup.lengths(rocks, read, digests, dir.toString());
      } finally {
        holds.gcLock.readLock().unlock();
      }
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("look up chunk lengths", dir, e);
    }
  }

  /** Whether an open lease holds {@code contextKey}. */
  public boolean leased(String contextKey) {
    return holds.leased(contextKey);
  }

  /** Commits so far in this process; a change means contexts changed since a {@link StoreUsage} was read. */
  public long commitCount() {
    return holds.commits.get();
  }

  /** Every record's share of the directory's size ({@link StoreUsage}); flushes first unless a sync is in flight. */
  public StoreUsage usage() throws CacheStoreException {
    try (Guard g = enter()) {
      // Not while a sync is in flight: a prune loop beside an upload would cut tiny files.
      if (!readOnly && !holds.anyPinned()) Compaction.flush(rocks);
      return new UsageScan(rocks, dir, holds, manifests).run();
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("measure usage", dir, e);
    }
  }

  /** Deletes what a plan names, sparing what is leased, pinned or newly referenced ({@link Remover}); then {@link #compact}. */
  public Removal remove(Removal.Request request) throws CacheStoreException {
    checkWritable("remove");
    try (Guard g = enter()) {
      return new Remover(this, rocks, holds).run(request);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("remove " + request.contexts().size() + " context(s) and " + request.chunks().size() + " chunk(s)", dir, e);
    }
  }

  /** Gives deleted data's disk back ({@link Compaction#full}); {@code reclaimBlobs} also relocates live blobs. */
  public void compact(boolean reclaimBlobs) throws CacheStoreException {
    checkWritable("compact");
    try (Guard g = enter()) {
      Compaction.full(rocks, reclaimBlobs);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("compact", dir, e);
    }
  }

  /** Bytes the store's directory occupies on disk (file sizes rounded up to 4 KiB blocks). */
  public long diskBytes() {
    return DiskUsage.of(dir);
  }

  /** Test hook: writes a raw value, bypassing every check, to simulate damage. */
  void rawPut(Column column, byte[] key, byte[] value) throws CacheStoreException {
    try (Guard g = enter()) {
      rocks.db.put(rocks.cf(column), rocks.syncWrite, key, value);
      manifests.clear(); // what is cached no longer says what is stored
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("raw put", dir, e);
    }
  }

  /** Test hook: reads a raw value, or null, to inspect what a write stored. */
  byte[] rawGet(Column column, byte[] key) throws CacheStoreException {
    try (Guard g = enter()) {
      return rocks.db.get(rocks.cf(column), key);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("raw get", dir, e);
    }
  }

  ContextRecord readContext(String contextKey) throws CacheStoreException {
    ContextId id = contextId(contextKey);
    try {
      byte[] value = rocks.db.get(rocks.cf(Column.CONTEXTS), Keys.context(id));
      if (value == null) return null;
      ContextRecord r = ContextCodec.decode(value, "contexts/" + id + " in " + dir);
      if (!r.key().equals(contextKey)) {
        throw new CacheStoreException("context '" + contextKey + "' in " + dir + ": its id " + id + " is taken by context '" + r.key() + "' (hash collision; use another key)");
      }
      return r;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("read context '" + contextKey + "'", dir, e);
    }
  }

  private static long latestVersionOf(ContextRecord r) {
    return r == null ? 0 : r.latestVersion();
  }

  private void checkWritable(String operation) throws CacheStoreException {
    if (readOnly) throw new CacheStoreException(operation + " in " + dir + ": store is open read-only");
  }

  /** For {@link ChunkOwnership}, which keeps its rows in this store's database. */
  RocksHandles rocks() {
    return rocks;
  }

  /** For {@link Remover}, which drops a removed context's cached manifests. */
  ManifestCache manifestCache() {
    return manifests;
  }

  /** For {@link Remover}: a removed context's encoding is only memory to give back. */
  EncodingMemo encodings() {
    return encodings;
  }

  CacheStoreOptions options() {
    return options;
  }

  Guard enter() {
    lifecycle.readLock().lock();
    if (closed) {
      lifecycle.readLock().unlock();
      throw new IllegalStateException("cache store in " + dir + " is closed");
    }
    return lifecycle.readLock()::unlock;
  }

  /** Waits for running calls, then frees every native object. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      if (!readOnly) {
        try {
          Compaction.flush(rocks); // a clean stop leaves no WAL to replay, and offline df sees the data in SST files
        } catch (RocksDBException e) {
          log.warn("flush before closing the cache store in {} failed: {}", dir, e.getMessage());
        }
      }
      rocks.close();
      log.debug("closed cache store {} in {}", storeId, dir);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  interface Guard extends AutoCloseable {
    @Override
    void close();
  }
}
