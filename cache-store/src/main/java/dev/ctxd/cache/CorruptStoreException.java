package dev.ctxd.cache;

/**
 * Stored bytes cannot be decoded: a damaged disk, a bug, or a store written by an incompatible
 * version. The message names the column family and key.
 */
public final class CorruptStoreException extends CacheStoreException {
  public CorruptStoreException(String message) {
    super(message);
  }

  public CorruptStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
