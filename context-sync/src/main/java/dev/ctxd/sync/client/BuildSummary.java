package dev.ctxd.sync.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one build did: the sync that brought the daemon up to date first ({@code sync}; with a
 * watching session usually {@code changed == false}), then the daemon's verified context
 * digest and the directory a builder reads.
 */
public record BuildSummary(SyncSummary sync, String contextDigest, Path materializedPath, long filesWritten, long entriesRemoved, long durationNanos) {
  public BuildSummary {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(contextDigest, "contextDigest");
    Objects.requireNonNull(materializedPath, "materializedPath");
  }
}
