package dev.ctxd.server;

import dev.ctxd.cache.ChunkWrite;
import dev.ctxd.core.Digest;
import dev.ctxd.proto.v1.Chunk;
import dev.ctxd.proto.v1.ChunkBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Checks uploaded chunks at the daemon's edge, alone ({@link Chunk}) or many in one message
 * ({@link ChunkBatch}, protocol 2): each was requested, declares the length its entries need,
 * decompresses to exactly that, and hashes to its digest. A batch is checked whole before any
 * of it is stored, so a bad chunk anywhere in it stores nothing of it.
 */
final class ChunkIntake {
  /** Chunks in one batch: a client of small files sends ~1 MiB per batch, far fewer than this. */
  static final int MAX_CHUNKS_PER_BATCH = 4096;
  /**
   * Raw bytes one batch may expand to (summed from the declared sizes before anything is
   * decompressed). Below the transport's message limit with room to spare, so that every batch
   * within both limits of this class reaches the daemon whole: at 4 MiB a batch of raw chunks
   * (or incompressible LZ4 blocks, up to len/255 + 16 bytes longer) passed the protocol's limit
   * but not the 4 MiB message limit, and the client saw its stream reset (CANCELLED) instead of
   * an error naming the limit. {@link #worstCaseMessageBytes} is checked against it in tests.
   */
  static final long MAX_BATCH_RAW_BYTES = 3L << 20;
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  private final ChunkHasher hasher;
  private final Map<Digest, Integer> requested;

  /** {@code requested}: the digests the sync asked for and still awaits, with their lengths (the caller's, read only here). */
  ChunkIntake(ChunkHasher hasher, Map<Digest, Integer> requested) {
    this.hasher = hasher;
    this.requested = requested;
  }

  /** The checked bytes of a lone chunk. */
  ChunkWrite check(Chunk chunk) throws ProtocolException {
    Digest digest = new Digest(chunk.getDigest());
    return ChunkWrite.of(digest, decode(chunk, digest, expectedLength(chunk, digest)));
  }

  /** The checked bytes of every chunk of a batch, in its order; limits first, then each chunk. */
  List<ChunkWrite> check(ChunkBatch batch) throws ProtocolException {
    int count = batch.getChunksCount();
    if (count == 0) throw ProtocolException.invalid("a ChunkBatch holds no chunks");
    if (count > MAX_CHUNKS_PER_BATCH) {
      throw ProtocolException.tooMuch("a ChunkBatch holds " + count + " chunks; the limit is " + MAX_CHUNKS_PER_BATCH);
    }
    Set<Digest> seen = new HashSet<>(count * 2);
    List<Integer> lengths = new ArrayList<>(count);
    long rawBytes = 0;
    for (Chunk chunk : batch.getChunksList()) {
      Digest digest = new Digest(chunk.getDigest());
      if (!seen.add(digest)) throw ProtocolException.invalid("chunk " + digest + " appears twice in one ChunkBatch");
      int length = expectedLength(chunk, digest);
      rawBytes += length;
      if (rawBytes > MAX_BATCH_RAW_BYTES) {
        throw ProtocolException.tooMuch("a ChunkBatch's chunks declare more than " + MAX_BATCH_RAW_BYTES + " raw bytes in all, the daemon's limit");
      }
      lengths.add(length);
    }
    List<ChunkWrite> writes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Chunk chunk = batch.getChunks(i);
      Digest digest = new Digest(chunk.getDigest());
      writes.add(ChunkWrite.of(digest, decode(chunk, digest, lengths.get(i))));
    }
    return writes;
  }

  /**
   * The largest a ClientMessage holding a batch within both limits can serialise to: each
   * chunk's data an LZ4 block of the worst size, with its framing (tags, varints of at most
   * 10 bytes for the digest and 5 for lengths).
   */
  static long worstCaseMessageBytes(int chunks, long rawBytes) {
    long lz4Growth = rawBytes / 255 + 16L * chunks;
    long perChunkFraming = 1 + 5 /* Chunk's tag, length */ + 1 + 10 /* digest */ + 1 + 5 /* raw_size */ + 2 /* lz4 */ + 1 + 5 /* data's tag, length */;
    return 1 + 5 /* ClientMessage.chunk_batch's tag, length */ + rawBytes + lz4Growth + perChunkFraming * chunks;
  }

  private int expectedLength(Chunk chunk, Digest digest) throws ProtocolException {
    Integer length = requested.get(digest);
    if (length == null) throw ProtocolException.invalid("chunk " + digest + " was not requested (or was already received)");
    if (chunk.getRawSize() != length) throw ProtocolException.invalid("chunk " + digest + " declares " + Integer.toUnsignedString(chunk.getRawSize()) + " bytes; the entries that use it need " + length);
    return length;
  }

  private byte[] decode(Chunk chunk, Digest digest, int length) throws ProtocolException {
    byte[] raw;
    if (chunk.getLz4()) {
      raw = new byte[length];
      int produced;
      try {
        produced = LZ4.decompress(chunk.getData().toByteArray(), 0, chunk.getData().size(), raw, 0, length);
      } catch (LZ4Exception e) {
        throw ProtocolException.invalid("chunk " + digest + " is not a valid LZ4 block: " + e.getMessage());
      }
      if (produced != length) throw ProtocolException.invalid("chunk " + digest + " decompresses to " + produced + " bytes, not the declared " + length);
    } else {
      if (chunk.getData().size() != length) throw ProtocolException.invalid("chunk " + digest + " carries " + chunk.getData().size() + " bytes, not the declared " + length);
      raw = chunk.getData().toByteArray();
    }
    Digest actual = hasher.digest(raw);
    if (!actual.equals(digest)) throw ProtocolException.invalid("chunk " + digest + " does not match its bytes, which hash to " + actual);
    return raw;
  }
}
