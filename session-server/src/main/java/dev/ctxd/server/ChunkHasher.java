package dev.ctxd.server;

import dev.ctxd.core.Digest;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/** The digest the daemon checks each uploaded chunk against: xxHash64, seed 0, as clients compute it. */
@FunctionalInterface
interface ChunkHasher {
  Digest digest(byte[] raw);

  ChunkHasher XXHASH64 = new ChunkHasher() {
    private final XXHash64 xxh64 = XXHashFactory.fastestInstance().hash64();

    @Override
    public Digest digest(byte[] raw) {
      return new Digest(xxh64.hash(raw, 0, raw.length, 0));
    }
  };
}
