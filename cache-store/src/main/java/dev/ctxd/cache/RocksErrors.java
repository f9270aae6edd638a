package dev.ctxd.cache;

import java.nio.file.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns a {@link RocksDBException} into a {@link CacheStoreException} naming operation, place and likely cause. */
final class RocksErrors {
  private RocksErrors() {}

  static CacheStoreException wrap(String operation, Path dir, RocksDBException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Status.Code code = e.getStatus() == null ? null : e.getStatus().getCode();
    String what = operation + " in " + dir + ": ";
    if (message.contains("lock") && (message.contains("LOCK") || message.contains("Resource temporarily unavailable"))) {
      return new CacheStoreException(what + "lock held by another process (is another ctx daemon running on this --root?)", e);
    }
    if (message.contains("No space left")) {
      return new CacheStoreException(what + "disk full (" + message + "); free space or prune the cache", e);
    }
    if (code == Status.Code.Corruption) {
      return new CorruptStoreException(what + "store is corrupt (" + message + "); run `ctx system check`", e);
    }
    if (message.contains("read only")) {
      return new CacheStoreException(what + "store is open read-only", e);
    }
    return new CacheStoreException(what + message, e);
  }
}
