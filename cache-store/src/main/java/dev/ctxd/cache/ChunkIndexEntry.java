package dev.ctxd.cache;

import java.nio.ByteBuffer;

/**
 * A {@code chunk_index} value: what the store knows about a chunk without reading its bytes,
 * which for a large chunk live in a blob file. Stored as {@value #BYTES} bytes, big-endian:
 * the raw length as a 4-byte int, then when the chunk was last stored as 8-byte epoch
 * milliseconds (storing a present chunk again refreshes it; a future garbage collector can
 * use it to spare chunks uploaded for a commit that has not happened yet).
 */
record ChunkIndexEntry(int length, long storedAtMillis) {
  static final int BYTES = Integer.BYTES + Long.BYTES;

  ChunkIndexEntry {
    if (length < 0) throw new IllegalArgumentException("negative chunk length: " + length);
  }

  byte[] encode() {
    return ByteBuffer.allocate(BYTES).putInt(length).putLong(storedAtMillis).array();
  }

  /** Decodes a value; {@code where} names the key in the message of a {@link CorruptStoreException}. */
  static ChunkIndexEntry decode(byte[] value, String where) throws CorruptStoreException {
    if (value.length != BYTES) {
      throw new CorruptStoreException(where + " holds " + value.length + " bytes, want " + BYTES);
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    int length = b.getInt();
    if (length < 0) throw new CorruptStoreException(where + " holds negative length " + length);
    return new ChunkIndexEntry(length, b.getLong());
  }
}
