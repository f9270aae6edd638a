package dev.ctxd.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The {@code meta} column family: the store's random id, made once when the store is
 * created so that clients can tell a recreated cache from the one they uploaded to, and the
 * format version of every key and value layout in {@link Column}.
 */
final class StoreMeta {
  static final int FORMAT = 1;

  private StoreMeta() {}

  /** The store id; creates id and format in a new store, checks them in an existing one. */
  static String readOrCreate(RocksHandles rocks, Path dir, boolean readOnly) throws CacheStoreException {
    try {
      byte[] format = rocks.db.get(rocks.cf(Column.META), Keys.META_FORMAT);
      byte[] id = rocks.db.get(rocks.cf(Column.META), Keys.META_STORE_ID);
      if (format == null && id == null && !readOnly) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String newId = HexFormat.of().formatHex(random);
        try (WriteBatch batch = new WriteBatch()) {
          batch.put(rocks.cf(Column.META), Keys.META_FORMAT, Keys.u64(FORMAT));
          batch.put(rocks.cf(Column.META), Keys.META_STORE_ID, newId.getBytes(StandardCharsets.US_ASCII));
          rocks.db.write(rocks.syncWrite, batch);
        }
        return newId;
      }
      if (format == null || id == null || format.length != Long.BYTES) {
        throw new CorruptStoreException("open cache store in " + dir + ": meta lacks store id or format");
      }
      long version = ByteBuffer.wrap(format).getLong();
      if (version != FORMAT) {
        throw new CacheStoreException("open cache store in " + dir + ": format " + version + ", this ctxd reads " + FORMAT + " (written by a newer ctxd?)");
      }
      return new String(id, StandardCharsets.US_ASCII);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("read store metadata", dir, e);
    }
  }
}
