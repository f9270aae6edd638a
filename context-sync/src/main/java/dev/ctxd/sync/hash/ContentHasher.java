package dev.ctxd.sync.hash;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Hashes file content the way {@link Chunking} defines it, with lz4-java's fastest xxHash64
 * (JNI where available). Reads through one reusable direct buffer, so memory does not grow
 * with file size.
 *
 * <p>Not thread-safe: each hashing thread owns one instance.
 */
public final class ContentHasher {
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

  private final ByteBuffer buffer = ByteBuffer.allocateDirect(Chunking.CHUNK_SIZE);

  /** Hashes the bytes of chunk {@code raw[offset, offset+length)}. */
  public static Digest chunkDigest(byte[] raw, int offset, int length) {
    return new Digest(XXH64.hash(raw, offset, length, 0));
  }

  public static Digest chunkDigest(ByteBuffer raw) {
    return new Digest(XXH64.hash(raw, raw.position(), raw.remaining(), 0));
  }

  /** The digest of a multi-chunk file: xxHash64 of its chunk digests, big-endian. */
  public static Digest fileDigest(List<Digest> chunks) {
    if (chunks.size() == 1) return chunks.get(0);
    ByteBuffer all = ByteBuffer.allocate(chunks.size() * Long.BYTES).order(ByteOrder.BIG_ENDIAN);
    for (Digest d : chunks) all.putLong(d.value());
    return new Digest(XXH64.hash(all.array(), 0, all.capacity(), 0));
  }

  /**
   * Hashes {@code file}, which must be {@code expectedSize} bytes long. A file that turns out
   * longer or shorter is being changed while we read it: {@link FileChangedException}.
   */
  public FileContent hash(Path file, long expectedSize) throws IOException {
    int count = Chunking.chunkCount(expectedSize);
    List<Digest> chunks = new ArrayList<>(count);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = 0;
      for (int i = 0; i < count; i++) {
        int length = Chunking.chunkLength(expectedSize, i);
        readFully(channel, position, length, file);
        chunks.add(chunkDigest(buffer));
        position += length;
      }
      buffer.clear().limit(1);
      if (channel.read(buffer, position) > 0) throw new FileChangedException(file, "grew while it was read");
    }
    return new FileContent(expectedSize, fileDigest(chunks), count == 1 ? List.of() : chunks);
  }

  /** Reads one chunk into {@link #buffer}, flipped for reading. */
  private void readFully(FileChannel channel, long position, int length, Path file) throws IOException {
    buffer.clear().limit(length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) throw new FileChangedException(file, "shrank while it was read");
    }
    buffer.flip();
  }

  /** Reads chunk {@code index} of a file of {@code size} bytes into a new array. */
  public byte[] readChunk(Path file, long size, int index) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(channel, (long) index * Chunking.CHUNK_SIZE, Chunking.chunkLength(size, index), file);
      byte[] raw = new byte[buffer.remaining()];
      buffer.get(raw);
      return raw;
    }
  }
}
