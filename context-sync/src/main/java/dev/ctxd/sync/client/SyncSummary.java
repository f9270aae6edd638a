package dev.ctxd.sync.client;

import java.util.Objects;

/**
 * What one sync did. {@code changed} is false when the tree equalled what the daemon already
 * had over this connection: then nothing crossed the wire and the counts of sent things are 0.
 * {@code filesSent} counts files with at least one chunk sent; {@code contentBytesSent} the raw
 * size of those chunks; {@code wireBytes} both directions, gRPC framing included.
 */
public record SyncSummary(
    Trigger trigger,
    boolean changed,
    long version,
    String contextDigest,
    long files,
    long contextBytes,
    long filesSent,
    long contentBytesSent,
    long wireBytes,
    long hashedFiles,
    boolean deltaUsed,
    long durationNanos) {
  public SyncSummary {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(contextDigest, "contextDigest");
  }
}
