package dev.ctxd.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a prune may remove, in Docker's terms. Without {@code all} only dangling records go
 * (content no context references, materialized copies); with it, whole contexts not in use.
 * {@code until} keeps what was used at or after that instant; {@code ids} keeps what no prefix
 * matches. Space limits (bytes, 0 = unset) follow BuildKit: remove least recently and least
 * often used first while the state directory is above {@code maxUsedSpace} or the disk has
 * less than {@code minFreeSpace} free, never going below {@code reservedSpace}; with only
 * {@code reservedSpace} (Docker's {@code --keep-storage}) remove until at most that much is left.
 * Immutable.
 */
public record PruneOptions(boolean all, Optional<Instant> until, List<String> ids, long reservedSpace, long maxUsedSpace, long minFreeSpace) {
  public PruneOptions {
    Objects.requireNonNull(until, "until");
    ids = List.copyOf(ids);
    if (reservedSpace < 0 || maxUsedSpace < 0 || minFreeSpace < 0) throw new IllegalArgumentException("space limits must not be negative");
  }

  /** {@code prune --all}: every record not in use. */
  public static PruneOptions everything() {
    return new PruneOptions(true, Optional.empty(), List.of(), 0, 0, 0);
  }

  boolean limited() {
    return reservedSpace != 0 || maxUsedSpace != 0 || minFreeSpace != 0;
  }
}
