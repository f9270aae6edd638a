package dev.ctxd.core;

/**
 * How file content is cut into stored chunks. Sender and receiver must agree on these
 * rules, so they live here once.
 *
 * <p>A file is cut into fixed-size chunks of {@link #CHUNK_SIZE} bytes (the last may be
 * shorter). Each chunk is stored and sent under its own digest, so an edit in the middle of
 * a large file resends only the chunks it touched, and equal chunks are stored once. A file
 * of at most one chunk has that chunk's digest as its digest; a larger file's digest is the
 * xxHash64 of its chunk digests written big-endian, one after another.
 */
public final class Chunking {
  /** 1 MiB: small enough for one gRPC message, large enough that per-chunk overhead is small. */
  public static final int CHUNK_SIZE = 1 << 20;

  private Chunking() {}

  /** How many chunks a file of {@code size} bytes has (an empty file has one, empty, chunk). */
  public static int chunkCount(long size) {
    if (size < 0) throw new IllegalArgumentException("negative size: " + size);
    if (size == 0) return 1;
    long count = (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    if (count > Integer.MAX_VALUE) throw new IllegalArgumentException("file too large: " + size);
    return (int) count;
  }

  /** The length of chunk {@code index} of a file of {@code size} bytes. */
  public static int chunkLength(long size, int index) {
    long start = (long) index * CHUNK_SIZE;
    return (int) Math.min(CHUNK_SIZE, Math.max(0, size - start));
  }
}
