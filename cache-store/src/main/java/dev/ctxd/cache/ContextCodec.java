package dev.ctxd.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The stored form of a {@link ContextRecord}: a format byte ({@value #FORMAT}), the key as
 * modified UTF-8 ({@link DataOutputStream#writeUTF}), then latest version, created and last
 * used (epoch milliseconds), usage count and manifest bytes as 8-byte longs. The id is the
 * row key and is recomputed from the context key on decode.
 */
final class ContextCodec {
  static final int FORMAT = 1;

  private ContextCodec() {}

  static byte[] encode(ContextRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + r.key().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(r.key());
      out.writeLong(r.latestVersion());
      out.writeLong(r.created().toEpochMilli());
      out.writeLong(r.lastUsed().toEpochMilli());
      out.writeLong(r.usageCount());
      out.writeLong(r.manifestBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory write failed", e); // cannot happen
    }
    return bytes.toByteArray();
  }

  static ContextRecord decode(byte[] data, String where) throws CorruptStoreException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) throw new IOException("format " + format + ", this version reads " + FORMAT);
      String key = in.readUTF();
      long latest = in.readLong();
      Instant created = Instant.ofEpochMilli(in.readLong());
      Instant lastUsed = Instant.ofEpochMilli(in.readLong());
      long usage = in.readLong();
      long manifestBytes = in.readLong();
      if (in.read() != -1) throw new IOException("trailing bytes");
      return new ContextRecord(key, ContextId.of(key), latest, created, lastUsed, usage, manifestBytes);
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptStoreException("context record " + where + " is corrupt: " + e.getMessage(), e);
    }
  }
}
