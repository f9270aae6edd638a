package dev.ctxd.cache;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link CacheStore} behaves: how many manifest versions each context keeps, and the
 * clock that stamps creation and last use (tests pass a fixed one). Immutable.
 */
public record CacheStoreOptions(int keepVersions, Clock clock) {
  public static final int DEFAULT_KEEP_VERSIONS = 2;

  public CacheStoreOptions {
    Objects.requireNonNull(clock, "clock");
    if (keepVersions < 1) throw new IllegalArgumentException("keepVersions must be at least 1: " + keepVersions);
  }

  public static CacheStoreOptions defaults() {
    return new CacheStoreOptions(DEFAULT_KEEP_VERSIONS, Clock.systemUTC());
  }

  public CacheStoreOptions withKeepVersions(int keep) {
    return new CacheStoreOptions(keep, clock);
  }

  public CacheStoreOptions withClock(Clock newClock) {
    return new CacheStoreOptions(keepVersions, newClock);
  }
}
