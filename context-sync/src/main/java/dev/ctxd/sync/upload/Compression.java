package dev.ctxd.sync.upload;

/**
 * Which of a sync's chunks travel LZ4-compressed; a chunk is compressed only where LZ4 saves
 * (see {@link SessionClient#compressIfItPays}), whatever the policy.
 */
public enum Compression {
  NEVER(0),
  /**
   * A sync's first 8 MiB. An edit-loop sync is that small, and LZ4 of it costs a few ms of one
   * core while it shrinks source text about 3x, which matters where a local-looking socket is
   * forwarded to another machine (ssh -L). Past that, a bulk upload over a local socket would
   * spend more time compressing (about 0.8 GB/s a core) than the link saves (3 GB/s or more).
   */
  SMALL_SYNCS(8L << 20),
  ALWAYS(Long.MAX_VALUE);

  private final long budgetBytes;

  Compression(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** True for a chunk that starts after {@code rawBytesBefore} raw bytes of its sync were sent. */
  boolean covers(long rawBytesBefore) {
    return rawBytesBefore < budgetBytes;
  }
}
