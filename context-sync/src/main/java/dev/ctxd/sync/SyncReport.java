package dev.ctxd.sync;

/**
 * What one sync did. {@code filesSent} counts files with at least one chunk sent;
 * {@code contentBytesSent} is the raw size of the chunks sent; {@code wireBytes} counts
 * protocol messages both ways, gRPC framing included.
 */
public record SyncReport(
    long version,
    String contextDigest,
    long entries,
    long files,
    long contextBytes,
    long filesSent,
    long contentBytesSent,
    long wireBytes,
    long hashedFiles,
    long hashedBytes,
    boolean deltaUsed,
    long durationNanos) {

  public long reusedFiles() {
    return files - filesSent;
  }
}
