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

  // One byte over a chunk: the last chunk's read asks for one byte more to see a file that grew.
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(Chunking.CHUNK_SIZE + 1);

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
   *
   * <p>One open and, for a file of one chunk (nearly every file of a source tree), one read:
   * the last chunk's read asks for a byte more than it expects, so a file that grew shows
   * without a second read, and a read that returns what was expected ends it (a regular file
   * reads short only at its end; a change after that read is the caller's stat check's to
   * catch).
   */
  public FileContent hash(Path file, long expectedSize) throws IOException {
    int count = Chunking.chunkCount(expectedSize);
    List<Digest> chunks = new ArrayList<>(count);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = 0;
      for (int i = 0; i < count; i++) {
        int length = Chunking.chunkLength(expectedSize, i);
        readChunk(channel, position, length, i == count - 1, file);
        chunks.add(chunkDigest(buffer));
        position += length;
      }
    }
    return new FileContent(expectedSize, fileDigest(chunks), count == 1 ? List.of() : chunks);
  }

  /**
   * Reads {@code length} bytes at {@code position} into {@link #buffer}, flipped for reading.
   * With {@code last}, one byte more is asked for: getting it means the file grew.
   */
  private void readChunk(FileChannel channel, long position, int length, boolean last, Path file) throws IOException {
    buffer.clear().limit(last ? length + 1 : length);
    // At least one read, so an empty file that grew shows as well.
    do {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        if (buffer.position() < length) throw new FileChangedException(file, "shrank while it was read");
        break;
      }
    } while (buffer.position() < length);
    if (buffer.position() > length) throw new FileChangedException(file, "grew while it was read");
    buffer.flip();
  }

  /** Reads one chunk into {@link #buffer}, flipped for reading. */
  private void readFully(FileChannel channel, long position, int length, Path file) throws IOException {
    readChunk(channel, position, length, false, file);
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
