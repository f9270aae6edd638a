package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes and decodes the keys described in {@link Column}. */
final class Keys {
  static final byte[] META_STORE_ID = "store-id".getBytes(StandardCharsets.US_ASCII);
  static final byte[] META_FORMAT = "format".getBytes(StandardCharsets.US_ASCII);
  static final int MANIFEST_KEY_BYTES = ContextId.BYTES + Long.BYTES;

  private Keys() {}

  static byte[] chunk(Digest digest) {
    return ByteBuffer.allocate(Long.BYTES).putLong(digest.value()).array();
  }

  static Digest chunkDigest(byte[] key) throws CorruptStoreException {
    if (key.length != Long.BYTES) throw new CorruptStoreException("chunks key of " + key.length + " bytes, want 8");
    return new Digest(ByteBuffer.wrap(key).getLong());
  }

  static byte[] manifest(ContextId id, long version) {
    return ByteBuffer.allocate(MANIFEST_KEY_BYTES).put(id.bytes()).putLong(version).array();
  }

  static long manifestVersion(byte[] key) {
    return ByteBuffer.wrap(key, ContextId.BYTES, Long.BYTES).getLong();
  }

  static byte[] context(ContextId id) {
    return id.bytes();
  }

  /** How a manifest key is named in messages: {@code <context id>@v<version>}. */
  static String describeManifest(byte[] key) {
    if (key.length != MANIFEST_KEY_BYTES) return "key of " + key.length + " bytes";
    return ContextId.fromBytes(key, 0) + "@v" + manifestVersion(key);
  }

  static byte[] u64(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }
}
