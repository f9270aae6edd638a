package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Which tenant uploaded which chunk ({@code chunk_owners}, see {@link Column}). Chunks are keyed
 * by xxHash64, which an attacker can collide, so a digest counts as present for a tenant only
 * if that tenant uploaded bytes with it itself: claiming a digest someone else uploaded gets the
 * chunk asked for. When a tenant uploads a digest the store already holds, the daemon compares
 * the bytes: equal bytes are shared (one copy on disk, one owner row more), different bytes are
 * refused with {@link ChunkCollisionException} and the stored chunk never changes.
 *
 * <p>Rows are written in the same batch as the chunk (a crash keeps both or neither, never an
 * owner row without bytes). Whoever deletes a chunk must delete its
 * owner rows in the same batch: {@link #deleteOwners}.
 *
 * <p>Thread-safe: check-and-store of one digest is serialised by a striped lock, so two
 * tenants uploading different bytes under one digest at once cannot both "find it absent".
 * Lives as long as its store; closing the store ends it.
 */
@SuppressWarnings("try") // try (CacheStore.Guard g = ...) holds the store's lifecycle lock
public final class ChunkOwnership {
  private static final byte[] META_OWNERSHIP = "chunk-owners".getBytes(StandardCharsets.US_ASCII);
  private static final int STRIPES = 64;

  /** What {@link #put} did. */
  public enum Outcome { STORED, SHARED, ALREADY_OWNED }

  private final CacheStore store;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  private ChunkOwnership(CacheStore store) {
    this.store = store;
    for (int i = 0; i < STRIPES; i++) locks[i] = new ReentrantLock();
  }

  /**
   * The ownership index of {@code store}. A store made before ownership existed has chunks
   * without owners; the first open hands them all to {@code legacyOwner} (the daemon's own
   * user, who was its only tenant), once, recorded in {@code meta}.
   */
  public static ChunkOwnership open(CacheStore store, Tenant legacyOwner) throws CacheStoreException {
    ChunkOwnership o = new ChunkOwnership(store);
    o.adoptLegacy(legacyOwner);
    return o;
  }

  /** The stored lengths of the digests {@code tenant} owns; the others (absent or another's) are left out. */
  public Map<Digest, Integer> ownedLengths(Tenant tenant, Collection<Digest> digests) throws CacheStoreException {
    Set<Digest> owned = new LinkedHashSet<>(digests);
    owned.removeAll(unowned(tenant, owned));
    return store.chunkLengths(owned);
  }

  /** The digests among {@code digests} that {@code tenant} has not uploaded, in first-seen order. */
  public Set<Digest> unowned(Tenant tenant, Collection<Digest> digests) throws CacheStoreException {
    RocksHandles rocks = store.rocks();
    Set<Digest> unowned = new LinkedHashSet<>();
    List<Digest> unique = new ArrayList<>(new LinkedHashSet<>(digests));
    try (CacheStore.Guard g = store.enter(); ReadOptions read = new ReadOptions()) {
      ColumnFamilyHandle cf = rocks.cf(Column.CHUNK_OWNERS);
      for (int from = 0; from < unique.size(); from += 1024) {
        List<Digest> batch = unique.subList(from, Math.min(unique.size(), from + 1024));
        List<byte[]> keys = new ArrayList<>(batch.size());
        for (Digest d : batch) keys.add(key(d, tenant));
        List<byte[]> values = rocks.db.multiGetAsList(read, Collections.nCopies(keys.size(), cf), keys);
        for (int i = 0; i < batch.size(); i++) if (values.get(i) == null) unowned.add(batch.get(i));
      }
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("look up chunk owners for " + tenant, store.directory(), e);
    }
    return unowned;
  }

  /**
   * Stores {@code raw} (whose xxHash64 the caller verified to be {@code digest}) for
   * {@code tenant}: writes it when absent, shares it when the stored bytes are equal, and
   * refuses with {@link ChunkCollisionException} when they differ.
   */
  public Outcome put(Tenant tenant, Digest digest, byte[] raw) throws CacheStoreException {
    return put(tenant, digest, raw, ChunkDurability.LOGGED);
  }

  /**
   * As {@link #put(Tenant, Digest, byte[])}, reaching disk as {@code durability} says. The bytes,
   * their index entry and the owner row are one write, so a crash keeps all or none of them.
   */
  public Outcome put(Tenant tenant, Digest digest, byte[] raw, ChunkDurability durability) throws CacheStoreException {
    return putAll(tenant, List.of(ChunkWrite.of(digest, raw)), durability).get(0);
  }

  /**
   * As {@link #put(Tenant, Digest, byte[], ChunkDurability)} for several chunks of distinct
   * digests in one write batch: a tree of small files costs one store write per upload message,
   * not per chunk. All or nothing: a collision in any of them throws before anything is written.
   * The outcomes are in the order of {@code chunks}.
   */
  public List<Outcome> putAll(Tenant tenant, List<ChunkWrite> chunks, ChunkDurability durability) throws CacheStoreException {
    int[] stripes = stripesOf(chunks);
    for (int s : stripes) locks[s].lock(); // ascending order: two batches never wait on each other
    try (CacheStore.Guard g = store.enter(); WriteBatch batch = new WriteBatch(); ReadOptions read = new ReadOptions()) {
      RocksHandles rocks = store.rocks();
      List<byte[]> chunkKeys = new ArrayList<>(chunks.size());
      List<byte[]> ownerKeys = new ArrayList<>(chunks.size());
      for (ChunkWrite c : chunks) {
        chunkKeys.add(Keys.chunk(c.digest()));
        ownerKeys.add(key(c.digest(), tenant));
      }
      List<byte[]> indexed = rocks.db.multiGetAsList(read, Collections.nCopies(chunks.size(), rocks.cf(Column.CHUNK_INDEX)), chunkKeys);
      List<byte[]> owned = rocks.db.multiGetAsList(read, Collections.nCopies(chunks.size(), rocks.cf(Column.CHUNK_OWNERS)), ownerKeys);
      List<Outcome> outcomes = new ArrayList<>(chunks.size());
      for (int i = 0; i < chunks.size(); i++) {
        ChunkWrite c = chunks.get(i);
        Outcome outcome;
        if (indexed.get(i) == null) {
          store.addChunk(batch, c);
          outcome = Outcome.STORED;
        } else if (owned.get(i) != null) {
          outcome = Outcome.ALREADY_OWNED;
        } else {
          outcome = shareOrRefuse(tenant, c, batch);
        }
        if (outcome != Outcome.ALREADY_OWNED) batch.put(rocks.cf(Column.CHUNK_OWNERS), ownerKeys.get(i), new byte[0]);
        outcomes.add(outcome);
      }
      if (batch.count() > 0) store.write(batch, durability);
      return outcomes;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("put " + chunks.size() + " chunk(s) for " + tenant, store.directory(), e);
    } finally {
      for (int i = stripes.length - 1; i >= 0; i--) locks[stripes[i]].unlock();
    }
  }

  /** A chunk another tenant stored: shared when the bytes are equal, refused when they differ. */
  private Outcome shareOrRefuse(Tenant tenant, ChunkWrite c, WriteBatch batch) throws RocksDBException, CacheStoreException {
    RocksHandles rocks = store.rocks();
    byte[] stored = rocks.db.get(rocks.cf(Column.CHUNKS), Keys.chunk(c.digest()));
    if (stored == null) {
      // index without bytes: damage `ctx daemon --check` reports; rewriting both repairs it
      store.addChunk(batch, c);
      return Outcome.STORED;
    }
    if (Arrays.equals(stored, 0, stored.length, c.raw(), c.offset(), c.offset() + c.length())) return Outcome.SHARED;
    throw new ChunkCollisionException(c.digest(), tenant, store.directory().toString());
  }

  private static int[] stripesOf(List<ChunkWrite> chunks) {
    Set<Digest> distinct = new java.util.HashSet<>();
    java.util.BitSet stripes = new java.util.BitSet(STRIPES);
    for (ChunkWrite c : chunks) {
      if (!distinct.add(c.digest())) throw new IllegalArgumentException("chunk " + c.digest() + " appears twice in one batch");
      stripes.set(stripe(c.digest()));
    }
    return stripes.stream().toArray();
  }

  private static int stripe(Digest digest) {
    return (int) (digest.value() ^ (digest.value() >>> 32)) & (STRIPES - 1);
  }

  /**
   * Adds to {@code batch} the deletion of every owner row of {@code digest}; prune and GC call
   * it in the batch that deletes the chunk, so a later upload under that digest starts unowned.
   */
  static void deleteOwners(RocksHandles rocks, WriteBatch batch, Digest digest) throws RocksDBException {
    byte[] from = Keys.chunk(digest);
    // UTF-8 never contains 0xFF, so digest + 0xFF sorts after every digest + tenant id.
    byte[] to = Arrays.copyOf(from, from.length + 1);
    to[from.length] = (byte) 0xFF;
    batch.deleteRange(rocks.cf(Column.CHUNK_OWNERS), from, to);
  }

  static byte[] key(Digest digest, Tenant tenant) {
    byte[] id = tenant.id().getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(Keys.chunk(digest), Long.BYTES + id.length);
    System.arraycopy(id, 0, key, Long.BYTES, id.length);
    return key;
  }

  private void adoptLegacy(Tenant owner) throws CacheStoreException {
    RocksHandles rocks = store.rocks();
    try (CacheStore.Guard g = store.enter()) {
      if (rocks.db.get(rocks.cf(Column.META), META_OWNERSHIP) != null) return;
      try (WriteBatch batch = new WriteBatch(); RocksIterator it = rocks.db.newIterator(rocks.cf(Column.CHUNK_INDEX))) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          batch.put(rocks.cf(Column.CHUNK_OWNERS), key(Keys.chunkDigest(it.key()), owner), new byte[0]);
        }
        it.status();
        batch.put(rocks.cf(Column.META), META_OWNERSHIP, new byte[] {1});
        rocks.db.write(rocks.syncWrite, batch);
      }
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("record owners of existing chunks", store.directory(), e);
    }
  }
}
