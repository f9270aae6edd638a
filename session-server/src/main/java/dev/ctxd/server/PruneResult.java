package dev.ctxd.server;

import java.util.List;

/**
 * What a prune removed: one record per removed unit (a context with its content and copy, a
 * copy, unreferenced content) with the bytes it freed, their sum, and the state directory's
 * size ({@code du -sb}) before and after. Immutable.
 */
public record PruneResult(List<UsageReport.Record> removed, long reclaimedBytes, long diskBefore, long diskAfter) {
  public PruneResult {
    removed = List.copyOf(removed);
  }
}
