package dev.ctxd.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's garbage-collection policy (BuildKit's knobs). Contexts not used for
 * {@code keepDuration} are removed; beyond that, least recently and least often used contexts
 * go while the state directory exceeds {@code maxUsedSpace} or the disk has less than
 * {@code minFreeSpace} free, but never below {@code reservedSpace}. Sizes in bytes, 0 = unset.
 * Immutable.
 */
public record GcPolicy(boolean enabled, Duration keepDuration, long reservedSpace, long maxUsedSpace, long minFreeSpace) {
  /** BuildKit removes local build-context caches unused for 48 hours. */
  public static final Duration DEFAULT_KEEP_DURATION = Duration.ofHours(48);
  private static final long GB = 1_000_000_000L;

  public GcPolicy {
    Objects.requireNonNull(keepDuration, "keepDuration");
    if (keepDuration.isNegative()) throw new IllegalArgumentException("keep duration must not be negative: " + keepDuration);
    if (reservedSpace < 0 || maxUsedSpace < 0 || minFreeSpace < 0) throw new IllegalArgumentException("GC space limits must not be negative");
  }

  /**
   * BuildKit's defaults for the disk holding {@code root}: keep 48h, reserve 10% of the disk
   * (at most 10GB), use at most 60% (at most 100GB), keep 20% free.
   */
  public static GcPolicy defaults(Path root) {
    long disk = diskSize(root);
    return new GcPolicy(true, DEFAULT_KEEP_DURATION, Math.min(disk / 10, 10 * GB), Math.min(disk * 6 / 10, 100 * GB), disk / 5);
  }

  public static GcPolicy disabled() {
    return new GcPolicy(false, DEFAULT_KEEP_DURATION, 0, 0, 0);
  }

  /** The prune that removes what was unused for longer than the keep duration. */
  PruneOptions expired(java.time.Instant now) {
    return new PruneOptions(true, Optional.of(now.minus(keepDuration)), List.of(), 0, 0, 0);
  }

  /** The prune that brings the cache within the space limits; none when no limit is set. */
  Optional<PruneOptions> overLimits() {
    if (maxUsedSpace == 0 && minFreeSpace == 0) return Optional.empty();
    return Optional.of(new PruneOptions(true, Optional.empty(), List.of(), reservedSpace, maxUsedSpace, minFreeSpace));
  }

  private static long diskSize(Path root) {
    try {
      Path existing = root.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) existing = existing.getParent();
      return existing == null ? 0 : Files.getFileStore(existing).getTotalSpace();
    } catch (IOException e) {
      return 0;
    }
  }
}
