package dev.ctxd.cache;

import dev.ctxd.core.Digest;

/**
 * A chunk was offered under a digest the store already holds with different bytes (xxHash64
 * is not collision-resistant). The stored chunk is kept and the offer refused, so bytes one
 * tenant uploaded never stand in for another's.
 */
public final class ChunkCollisionException extends CacheStoreException {
  private final Digest digest;

  public ChunkCollisionException(Digest digest, Tenant tenant, String dir) {
    super("chunk " + digest + " offered by " + tenant + " in " + dir + ": the store already holds different bytes with this"
        + " xxHash64 digest; they are kept and the offer refused (a hash collision, accidental or crafted)");
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
