package dev.ctxd.server;

/**
 * What one session may ask of the daemon. Checked at the edge, before anything is stored,
 * so a hostile or broken client costs bounded memory and disk.
 */
public record Limits(long maxEntries, long maxContextBytes, int maxEntriesPerBatch) {
  public static Limits defaults() {
    return new Limits(4_000_000, 1L << 40, 10_000);
  }

  public Limits {
    if (maxEntries <= 0 || maxContextBytes <= 0 || maxEntriesPerBatch <= 0) throw new IllegalArgumentException("limits must be positive");
  }
}
