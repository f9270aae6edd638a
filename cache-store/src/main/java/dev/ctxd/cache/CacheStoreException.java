package dev.ctxd.cache;

import java.io.IOException;

/**
 * A cache store operation failed. The message names the operation and the store directory,
 * and where it can, the likely cause. Subclasses carry data a caller can act on.
 */
public class CacheStoreException extends IOException {
  public CacheStoreException(String message) {
    super(message);
  }

  public CacheStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
