package dev.ctxd.cache;

/** Something asked for by name (a chunk, a context, a manifest version) is not in the store. */
public class NotFoundException extends CacheStoreException {
  public NotFoundException(String message) {
    super(message);
  }
}
