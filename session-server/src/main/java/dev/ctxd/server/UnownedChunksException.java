package dev.ctxd.server;

import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.core.Digest;

/** A commit uses chunks the committing tenant never uploaded; the session ends with FAILED_PRECONDITION. */
final class UnownedChunksException extends CacheStoreException {
  UnownedChunksException(int count, Digest example) {
    super("the context uses " + count + " chunks this client never uploaded (e.g. " + example
        + "; pruned meanwhile?); sync again with base version 0");
  }
}
