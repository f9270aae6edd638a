package dev.ctxd.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store knows about one context: its key and id, the latest committed version
 * (0 before the first commit), when it was created and last used, how often it was used
 * (commits and {@link CacheStore#touch touches}) and the stored (compressed) size of its
 * latest manifest. Immutable.
 */
public record ContextRecord(
    String key,
    ContextId id,
    long latestVersion,
    Instant created,
    Instant lastUsed,
    long usageCount,
    long manifestBytes) {

  public ContextRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
    if (latestVersion < 0) throw new IllegalArgumentException("negative version " + latestVersion + " of " + key);
    if (usageCount < 0) throw new IllegalArgumentException("negative usage count " + usageCount + " of " + key);
    if (manifestBytes < 0) throw new IllegalArgumentException("negative manifest size " + manifestBytes + " of " + key);
  }
}
