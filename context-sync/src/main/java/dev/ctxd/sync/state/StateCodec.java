package dev.ctxd.sync.state;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.walk.FileStat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The state file's format 2 (issue 8): a header, then one LZ4 block of the entries in
 * manifest order, each path stored as the bytes it does not share with the previous one.
 * Format 1 (DataOutputStream through deflate) took 0.3 s to write and 0.25 s to read on the
 * kernel tree, most of it in deflate and per-byte stream calls; this one is a byte array
 * parsed in place.
 *
 * <pre>
 *   int magic "ctxd", int format 2, int payload length, long xxHash64(LZ4 block, seed = payload length), LZ4 block
 *   payload: utf daemonId, long version, long writtenAt, int count, then per entry:
 *     var sharedPrefixBytes, var suffixLength, suffix, byte type, var mode, var size,
 *     long mtime, var uid, var gid, var linkLength, link bytes; for FILE also
 *     long digest, var chunkCount, chunk digests, long ctime, long inode, long device, var statMode
 * </pre>
 * Variable-length numbers are unsigned LEB128 of the value's 64 bits (-1 takes 10 bytes).
 * The checksum covers every stored byte after it, so a damaged file is caught before anything is parsed; the manifest is validated
 * as any other, so a file that parses but is wrong still cannot pass as a state.
 */
final class StateCodec {
  static final int MAGIC = 0x63747864; // "ctxd"
  static final int FORMAT = 2;
  private static final int HEADER = 4 + 4 + 4 + 8;
  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();
  private static final LZ4SafeDecompressor UNLZ4 = LZ4Factory.fastestInstance().safeDecompressor();
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

  private StateCodec() {}

  static byte[] encode(ClientState state) {
    return draft(state).finish(state.version());
  }

  /**
   * {@code state}'s payload with the version left open: building the payload is most of a save,
   * and a sync builds it while the daemon commits, which assigns the version (issue 8).
   */
  static Draft draft(ClientState state) {
    Payload out = new Payload(64 + state.manifest().size() * 96);
    out.utf(state.daemonId());
    int versionAt = out.length;
    out.fixed(state.version());
    out.fixed(state.writtenAtNanos());
    out.int32(state.manifest().size());
    byte[] previous = new byte[0];
    for (Entry e : state.manifest().entries()) {
      byte[] path = e.path().value().getBytes(StandardCharsets.UTF_8);
      int shared = 0;
      int max = Math.min(previous.length, path.length);
      while (shared < max && previous[shared] == path[shared]) shared++;
      out.var(shared);
      out.var(path.length - shared);
      out.bytes(path, shared, path.length - shared);
      previous = path;
      out.int8(e.type().ordinal());
      out.var(e.mode());
      out.var(e.size());
      out.fixed(e.mtimeNanos());
      out.var(e.uid());
      out.var(e.gid());
      byte[] link = e.linkTarget().getBytes(StandardCharsets.UTF_8);
      out.var(link.length);
      out.bytes(link, 0, link.length);
      if (e.type() == EntryType.FILE) {
        out.fixed(e.digest().value());
        out.var(e.chunks().size());
        for (Digest d : e.chunks()) out.fixed(d.value());
        FileStat stat = state.fileStats().get(e.path());
        out.fixed(stat == null ? -1 : stat.ctimeNanos());
        out.fixed(stat == null ? -1 : stat.inode());
        out.fixed(stat == null ? -1 : stat.device());
        out.var(stat == null ? -1 : stat.mode());
      }
    }
    return new Draft(out, versionAt);
  }

  /** A payload waiting for its version; {@link #finish} once. */
  static final class Draft {
    private final Payload payload;
    private final int versionAt;

    private Draft(Payload payload, int versionAt) {
      this.payload = payload;
      this.versionAt = versionAt;
    }

    /** The state file's bytes, with {@code version} as the state's version. */
    byte[] finish(long version) {
      ByteBuffer.wrap(payload.buf).putLong(versionAt, version); // where draft() wrote it, big-endian as fixed() does
      int length = payload.length;
      byte[] file = new byte[HEADER + LZ4.maxCompressedLength(length)];
      int compressed = LZ4.compress(payload.buf, 0, length, file, HEADER);
      ByteBuffer.wrap(file).putInt(MAGIC).putInt(FORMAT).putInt(length).putLong(XXH64.hash(file, HEADER, compressed, length));
      return java.util.Arrays.copyOf(file, HEADER + compressed);
    }
  }

  /** True when {@code file} (the state file) is missing or starts like a format-2 state: nothing to rewrite. */
  static boolean isCurrent(java.nio.file.Path file) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      return isFormat2(in.readNBytes(HEADER));
    } catch (java.nio.file.NoSuchFileException e) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** True when {@code file} starts like a format-2 state. */
  static boolean isFormat2(byte[] file) {
    return file.length >= HEADER && ByteBuffer.wrap(file).getInt(0) == MAGIC && ByteBuffer.wrap(file).getInt(4) == FORMAT;
  }

  /** Decodes a format-2 file; any damage is an exception (the caller turns it into an empty state). */
  static ClientState decode(byte[] file) throws InvalidManifestException {
    ByteBuffer header = ByteBuffer.wrap(file);
    if (!isFormat2(file)) throw new IllegalArgumentException("not a format-2 state");
    int length = header.getInt(8);
    long checksum = header.getLong(12);
    if (length < 0 || length > 1 << 30) throw new IllegalArgumentException("state payload length " + length);
    if (XXH64.hash(file, HEADER, file.length - HEADER, length) != checksum) throw new IllegalArgumentException("state checksum mismatch");
    byte[] raw = new byte[length];
    if (UNLZ4.decompress(file, HEADER, file.length - HEADER, raw, 0, length) != length) throw new IllegalArgumentException("state payload is short");
    Reader in = new Reader(raw);
    String daemonId = in.utf();
    long version = in.fixed();
    long writtenAt = in.fixed();
    int count = in.int32();
    if (count < 0 || count > length) throw new IllegalArgumentException("entry count " + count);
    List<Entry> entries = new ArrayList<>(count);
    List<Map.Entry<RelPath, FileStat>> stats = new ArrayList<>(count);
    byte[] path = new byte[64];
    EntryType[] types = EntryType.values();
    for (int i = 0; i < count; i++) {
      int shared = in.int31();
      int suffix = in.int31();
      if (shared + suffix > path.length) path = java.util.Arrays.copyOf(path, Math.max(path.length * 2, shared + suffix));
      in.bytes(path, shared, suffix);
      RelPath relPath = new RelPath(new String(path, 0, shared + suffix, StandardCharsets.UTF_8));
      EntryType type = types[in.int8()];
      int mode = (int) in.var();
      long size = in.var();
      long mtime = in.fixed();
      int uid = (int) in.var();
      int gid = (int) in.var();
      String link = in.string(in.int31());
      Digest digest = null;
      List<Digest> chunks = List.of();
      if (type == EntryType.FILE) {
        digest = new Digest(in.fixed());
        int chunkCount = in.int31();
        if (chunkCount > 0) {
          Digest[] all = new Digest[chunkCount];
          for (int c = 0; c < chunkCount; c++) all[c] = new Digest(in.fixed());
          chunks = List.of(all);
        }
        long ctime = in.fixed();
        long inode = in.fixed();
        long device = in.fixed();
        int statMode = (int) in.var();
        stats.add(Map.entry(relPath, new FileStat(FileStat.Kind.FILE, statMode, size, mtime, ctime, inode, device, uid, gid, 1)));
      }
      entries.add(new Entry(relPath, type, mode, size, mtime, uid, gid, link, digest, chunks));
    }
    if (in.position != length) throw new IllegalArgumentException("state has " + (length - in.position) + " bytes past its entries");
    // Built immutable at once: ClientState's Map.copyOf then keeps it instead of copying 80k entries.
    @SuppressWarnings("unchecked")
    Map.Entry<RelPath, FileStat>[] all = stats.toArray(new Map.Entry[0]);
    return new ClientState(daemonId, version, writtenAt, Manifest.of(entries), Map.ofEntries(all));
  }

  /** A growing byte array with the writes the format needs. */
  private static final class Payload {
    byte[] buf;
    int length;

    Payload(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int more) {
      if (length + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }

    void int8(int v) {
      ensure(1);
      buf[length++] = (byte) v;
    }

    void int32(int v) {
      ensure(4);
      for (int s = 24; s >= 0; s -= 8) buf[length++] = (byte) (v >>> s);
    }

    void fixed(long v) {
      ensure(8);
      for (int s = 56; s >= 0; s -= 8) buf[length++] = (byte) (v >>> s);
    }

    void var(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[length++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[length++] = (byte) v;
    }

    void bytes(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, length, len);
      length += len;
    }

    void utf(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      var(b.length);
      bytes(b, 0, b.length);
    }
  }

  /** Reads what {@link Payload} wrote; running off the end throws. */
  private static final class Reader {
    private final byte[] buf;
    int position;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    private void need(int n) {
      if (n < 0 || position + n > buf.length) throw new IllegalArgumentException("state ends early");
    }

    int int8() {
      need(1);
      return buf[position++] & 0xFF;
    }

    int int32() {
      need(4);
      int v = 0;
      for (int i = 0; i < 4; i++) v = (v << 8) | (buf[position++] & 0xFF);
      return v;
    }

    long fixed() {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (buf[position++] & 0xFF);
      return v;
    }

    long var() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        long b = int8();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) return v;
      }
      throw new IllegalArgumentException("state holds a number longer than 64 bits");
    }

    int int31() {
      long v = var();
      if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("state holds a length of " + v);
      return (int) v;
    }

    void bytes(byte[] into, int off, int len) {
      need(len);
      System.arraycopy(buf, position, into, off, len);
      position += len;
    }

    String string(int len) {
      need(len);
      String s = new String(buf, position, len, StandardCharsets.UTF_8);
      position += len;
      return s;
    }

    String utf() {
      return string(int31());
    }
  }
}
