package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.util.Objects;

/**
 * One chunk to store: {@code length} bytes of {@code raw} from {@code offset}, whose xxHash64
 * the caller has verified to be {@code digest}. The array is not copied: the caller must not
 * change it until {@link CacheStore#putChunks} returns.
 */
public record ChunkWrite(Digest digest, byte[] raw, int offset, int length) {
  public ChunkWrite {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(raw, "raw");
    Objects.checkFromIndexSize(offset, length, raw.length);
  }

  public static ChunkWrite of(Digest digest, byte[] raw) {
    return new ChunkWrite(digest, raw, 0, raw.length);
  }
}
