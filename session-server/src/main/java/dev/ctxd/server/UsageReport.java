package dev.ctxd.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ctx system df} shows: one summary per kind of record and, verbose, every record.
 * {@code diskBytes} is the state directory's size as {@code du -sb} measures it; the summaries'
 * sizes add up to it. A summary's reclaimable bytes are exactly what {@code ctx prune --all}
 * would remove now. Immutable.
 */
public record UsageReport(List<Summary> summaries, List<Record> records, long diskBytes) {
  /** Kinds of record, in the order df prints them. */
  public static final String CONTEXT = "context";
  public static final String CONTENT = "content";
  public static final String MATERIALIZED = "materialized";
  public static final String DAEMON = "daemon";
  public static final List<String> TYPES = List.of(CONTEXT, CONTENT, MATERIALIZED, DAEMON);

  public UsageReport {
    summaries = List.copyOf(summaries);
    records = List.copyOf(records);
  }

  /** One row of the table: how many records of a kind, how many in use, their size and what prune --all frees. */
  public record Summary(String type, long total, long active, long size, long reclaimable) {
    public Summary {
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * One record. {@code context} is the context key (the client's host and directory), or a
   * description for records that belong to no context; {@code usageCount} counts uses for a
   * context and its copy, and referencing contexts for content.
   */
  public record Record(String id, String type, String context, long size, Instant created, Instant lastUsed, long usageCount,
      boolean shared, boolean inUse, boolean reclaimable) {
    public Record {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(lastUsed, "lastUsed");
      if (size < 0) throw new IllegalArgumentException("negative size " + size + " of " + id);
    }
  }
}
