package dev.ctxd.server;

import dev.ctxd.cache.BlobNotFoundException;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.InvalidPathException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into gRPC statuses. Client mistakes get their own
 * code and a message a person can act on; anything else is INTERNAL, with the stack logged
 * here only (an uncaught throw would reach the client as a bare UNKNOWN).
 */
final class StatusMapper {
  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

  private StatusMapper() {}

  static Status toStatus(Throwable e) {
    if (e instanceof ProtocolException p) return Status.fromCode(p.code()).withDescription(p.getMessage());
    if (e instanceof InvalidManifestException || e instanceof InvalidPathException || e instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
    }
    if (e instanceof BlobNotFoundException) return Status.NOT_FOUND.withDescription(e.getMessage());
    if (e instanceof CacheStoreException) {
      log.error("cache store failure", e);
      return Status.INTERNAL.withDescription("the daemon's cache store failed: " + e.getMessage());
    }
    log.error("internal error", e);
    return Status.INTERNAL.withDescription("internal daemon error: " + e);
  }
}
