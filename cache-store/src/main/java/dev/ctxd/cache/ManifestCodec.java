package dev.ctxd.cache;

import dev.ctxd.core.ByteSink;
import dev.ctxd.core.Digest;
import dev.ctxd.core.EncodedEntries;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The stored form of a {@link Manifest}: one format byte ({@value #FORMAT}), the payload's length
 * (4 bytes big-endian) and the payload as one LZ4 block; format 1, still read, held the payload
 * as a raw-deflate stream instead. Every commit stores its whole manifest, and deflate took
 * about 0.1 s of a one-file edit's commit on the kernel tree, LZ4 a tenth of that (issue 8);
 * the entries a commit shares with the version before are copied from that version's
 * encoding rather than encoded again ({@link #encode(Manifest, EncodedEntries)}).
 * The payload is the entry count and the entries in manifest order. Each path is written as the
 * number of leading UTF-8 bytes it shares with the previous path plus the rest, so a deep tree
 * costs little before deflate even runs. Integers are unsigned LEB128 varints (zig-zag for the
 * signed time and ids); digests are 8 bytes big-endian.
 *
 * <p>Per entry: shared, suffix length, suffix, type ordinal, mode, size, mtimeNanos, uid, gid,
 * then the link target (length, UTF-8) for links, or the digest, chunk count and chunk
 * digests for files. Decoding validates through {@link Manifest#of}. Changing any of this
 * needs a new format byte. Stateless and thread-safe.
 */
final class ManifestCodec {
  static final int FORMAT = 2;
  private static final int DEFLATE_FORMAT = 1;
  private static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 16;
  private static final net.jpountz.lz4.LZ4Compressor LZ4 = net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
  private static final net.jpountz.lz4.LZ4SafeDecompressor UNLZ4 = net.jpountz.lz4.LZ4Factory.fastestInstance().safeDecompressor();
  private static final EntryType[] TYPES = EntryType.values();
  // Bounds checked before allocating, so corrupt input fails cleanly instead of exhausting memory.
  private static final int MAX_ENTRIES = 50_000_000;
  private static final int MAX_CHUNKS = 1 << 24;
  private static final int MAX_TEXT_BYTES = 1 << 16;

  private ManifestCodec() {}

  static byte[] encode(Manifest manifest) {
    return encode(manifest, null).stored();
  }

  /** A manifest's stored form and its entries' encoding, from which the next version's derives. */
  record Encoded(byte[] stored, EncodedEntries entries) {}

  /**
   * Encodes {@code manifest}; with {@code earlier} (the entries' encoding of any manifest, best
   * the one it was derived from) only the entries that differ from it are encoded, the rest
   * copied (the bytes are the same either way, {@link EncodedEntries#derive}).
   */
  static Encoded encode(Manifest manifest, EncodedEntries earlier) {
    EncodedEntries entries = earlier == null
        ? EncodedEntries.of(manifest.entries(), new EntryEncoder())
        : EncodedEntries.derive(earlier, manifest.entries(), new EntryEncoder(), true);
    ByteSink payload = new ByteSink(10 + entries.length());
    payload.writeVarLong(manifest.size());
    payload.write(entries.array(), 0, entries.length());
    int length = payload.size();
    byte[] stored = new byte[5 + LZ4.maxCompressedLength(length)];
    int compressed = LZ4.compress(payload.array(), 0, length, stored, 5);
    java.nio.ByteBuffer.wrap(stored).put((byte) FORMAT).putInt(length);
    return new Encoded(java.util.Arrays.copyOf(stored, 5 + compressed), entries);
  }

  /** One entry as {@link #writePayload} writes it; remembers the last path's bytes, which the next entry's prefix needs. */
  private static final class EntryEncoder implements EncodedEntries.Encoder {
    private Entry last;
    private byte[] lastPath = new byte[0];

    @Override
    public void encode(Entry previous, Entry e, ByteSink out) {
      byte[] before = previous == null ? new byte[0]
          : previous == last ? lastPath : previous.path().value().getBytes(StandardCharsets.UTF_8);
      byte[] path = e.path().value().getBytes(StandardCharsets.UTF_8);
      int shared = sharedPrefix(before, path);
      out.writeVarLong(shared);
      out.writeVarLong(path.length - shared);
      out.write(path, shared, path.length - shared);
      out.write(e.type().ordinal());
      out.writeVarLong(e.mode());
      out.writeVarLong(e.size());
      out.writeVarLong(zigZag(e.mtimeNanos()));
      out.writeVarLong(zigZag(e.uid()));
      out.writeVarLong(zigZag(e.gid()));
      if (e.type() == EntryType.SYMLINK || e.type() == EntryType.HARDLINK) {
        byte[] target = e.linkTarget().getBytes(StandardCharsets.UTF_8);
        out.writeVarLong(target.length);
        out.write(target);
      } else if (e.type() == EntryType.FILE) {
        out.writeLong(e.digest().value());
        out.writeVarLong(e.chunks().size());
        for (Digest chunk : e.chunks()) out.writeLong(chunk.value());
      }
      last = e;
      lastPath = path;
    }
  }

  /** Format 1, which stores before issue 8 hold; written only by tests of reading it. */
  static byte[] encodeDeflated(Manifest manifest) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + manifest.size() * 24);
    bytes.write(DEFLATE_FORMAT);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16))) {
      writePayload(out, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory write failed", e); // cannot happen
    } finally {
      deflater.end(); // the native zlib state is not left to the finalizer
    }
    return bytes.toByteArray();
  }

  // The format-1 payload writer, kept as the reference the faster encoder must match byte for byte (ManifestCodecTest).
  static void writePayload(DataOutputStream out, Manifest manifest) throws IOException {
    writeVarLong(out, manifest.size());
    byte[] previous = new byte[0];
    for (Entry e : manifest.entries()) {
      byte[] path = e.path().value().getBytes(StandardCharsets.UTF_8);
      int shared = sharedPrefix(previous, path);
      writeVarLong(out, shared);
      writeVarLong(out, path.length - shared);
      out.write(path, shared, path.length - shared);
      out.writeByte(e.type().ordinal());
      writeVarLong(out, e.mode());
      writeVarLong(out, e.size());
      writeVarLong(out, zigZag(e.mtimeNanos()));
      writeVarLong(out, zigZag(e.uid()));
      writeVarLong(out, zigZag(e.gid()));
      if (e.type() == EntryType.SYMLINK || e.type() == EntryType.HARDLINK) {
        byte[] target = e.linkTarget().getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, target.length);
        out.write(target);
      } else if (e.type() == EntryType.FILE) {
        out.writeLong(e.digest().value());
        writeVarLong(out, e.chunks().size());
        for (Digest chunk : e.chunks()) out.writeLong(chunk.value());
      }
      previous = path;
    }
  }

  /** Decodes what {@link #encode} wrote; {@code where} names the key in errors. */
  static Manifest decode(byte[] data, String where) throws CorruptStoreException {
    if (data.length == 0) throw new CorruptStoreException("manifest " + where + " is corrupt: empty value");
    int format = data[0] & 0xff;
    if (format == DEFLATE_FORMAT) {
      Inflater inflater = new Inflater(true);
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(
          new InflaterInputStream(new ByteArrayInputStream(data, 1, data.length - 1), inflater, 1 << 16), 1 << 16))) {
        return decodePayload(in, where);
      } catch (IOException e) {
        throw new CorruptStoreException("manifest " + where + " is corrupt: " + e.getMessage(), e);
      } finally {
        inflater.end();
      }
    }
    if (format != FORMAT) {
      throw new CorruptStoreException("manifest " + where + " has format " + format + ", this version reads " + DEFLATE_FORMAT + " and " + FORMAT + " (written by a newer ctxd?)");
    }
    if (data.length < 5) throw new CorruptStoreException("manifest " + where + " is corrupt: truncated");
    int length = java.nio.ByteBuffer.wrap(data).getInt(1);
    // LZ4 expands at most 255-fold: a larger claim is damage, refused before allocating.
    if (length < 0 || length > MAX_PAYLOAD_BYTES || length > (data.length - 5) * 255L) {
      throw new CorruptStoreException("manifest " + where + " is corrupt: payload length " + length + " for " + (data.length - 5) + " stored bytes");
    }
    byte[] payload = new byte[length];
    try {
      int produced = UNLZ4.decompress(data, 5, data.length - 5, payload, 0, length);
      if (produced != length) throw new CorruptStoreException("manifest " + where + " is corrupt: truncated");
    } catch (net.jpountz.lz4.LZ4Exception e) {
      throw new CorruptStoreException("manifest " + where + " is corrupt: truncated or damaged LZ4 block", e);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      return decodePayload(in, where);
    } catch (IOException e) {
      throw new CorruptStoreException("manifest " + where + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static Manifest decodePayload(DataInputStream in, String where) throws IOException, CorruptStoreException {
    try {
      int count = (int) readBounded(in, MAX_ENTRIES, "entry count");
      List<Entry> entries = new ArrayList<>(Math.min(count, 1 << 16));
      byte[] previous = new byte[0];
      for (int i = 0; i < count; i++) {
        int shared = (int) readBounded(in, previous.length, "shared path prefix");
        int suffix = (int) readBounded(in, RelPath.MAX_PATH_BYTES, "path length");
        byte[] path = new byte[shared + suffix];
        System.arraycopy(previous, 0, path, 0, shared);
        in.readFully(path, shared, suffix);
        int type = in.readUnsignedByte();
        if (type >= TYPES.length) throw new IOException("unknown entry type " + type);
        int mode = (int) readBounded(in, 07777, "mode");
        long size = readVarLong(in);
        long mtime = unZigZag(readVarLong(in));
        int uid = (int) unZigZag(readVarLong(in));
        int gid = (int) unZigZag(readVarLong(in));
        String target = "";
        Digest digest = null;
        List<Digest> chunks = List.of();
        if (TYPES[type] == EntryType.SYMLINK || TYPES[type] == EntryType.HARDLINK) {
          byte[] text = new byte[(int) readBounded(in, MAX_TEXT_BYTES, "link target length")];
          in.readFully(text);
          target = new String(text, StandardCharsets.UTF_8);
        } else if (TYPES[type] == EntryType.FILE) {
          digest = new Digest(in.readLong());
          int n = (int) readBounded(in, MAX_CHUNKS, "chunk count");
          List<Digest> list = new ArrayList<>(n);
          for (int c = 0; c < n; c++) list.add(new Digest(in.readLong()));
          chunks = list;
        }
        String pathText = new String(path, StandardCharsets.UTF_8);
        entries.add(new Entry(new RelPath(pathText), TYPES[type], mode, size, mtime, uid, gid, target, digest, chunks));
        previous = path;
      }
      if (in.read() != -1) throw new IOException("trailing bytes after " + count + " entries");
      return Manifest.of(entries);
    } catch (EOFException e) {
      throw new CorruptStoreException("manifest " + where + " is corrupt: truncated", e);
    } catch (IOException | IllegalArgumentException | InvalidManifestException e) {
      throw new CorruptStoreException("manifest " + where + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static int sharedPrefix(byte[] a, byte[] b) {
    int max = Math.min(a.length, b.length);
    int i = 0;
    while (i < max && a[i] == b[i]) i++;
    return i;
  }

  private static long readBounded(DataInputStream in, long max, String what) throws IOException {
    long v = readVarLong(in);
    if (v < 0 || v > max) throw new IOException(what + " " + v + " out of range 0.." + max);
    return v;
  }

  static void writeVarLong(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  static long readVarLong(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new IOException("varint longer than 10 bytes");
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
