package dev.ctxd.cli;

import dev.ctxd.server.UsageReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code ctx system df} as text: Docker's summary table, and with {@code -v} one table per kind of record. */
final class UsageTable {
  static final Map<String, String> NAMES = Map.of(
      UsageReport.CONTEXT, "Context snapshots",
      UsageReport.CONTENT, "Content store",
      UsageReport.MATERIALIZED, "Materialized copies",
      UsageReport.DAEMON, "Daemon files");
  static final String IN_USE_NOTE = "* in use by an open session or a running build";

  private UsageTable() {}

  static String summary(UsageReport report) {
    TabTable t = new TabTable().row("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
    for (UsageReport.Summary s : report.summaries()) {
      t.row(NAMES.getOrDefault(s.type(), s.type()), Long.toString(s.total()), Long.toString(s.active()), Sizes.human(s.size()),
          reclaimable(s.reclaimable(), s.size()));
    }
    return t.render();
  }

  /** Docker's "SIZE (PCT%)", the percentage truncated; no percentage of nothing. */
  static String reclaimable(long reclaimable, long size) {
    if (size <= 0) return Sizes.human(reclaimable);
    return Sizes.human(reclaimable) + " (" + (reclaimable * 100 / size) + "%)";
  }

  static String verbose(UsageReport report, Instant now) {
    StringBuilder out = new StringBuilder();
    boolean anyInUse = false;
    for (UsageReport.Summary s : report.summaries()) {
      out.append(NAMES.getOrDefault(s.type(), s.type())).append(" space usage: ").append(Sizes.human(s.size())).append("\n\n");
      TabTable t = new TabTable().row("ID", "CONTEXT", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED");
      for (UsageReport.Record r : report.records()) { // already oldest use first
        if (!r.type().equals(s.type())) continue;
        anyInUse |= r.inUse();
        t.row(r.id() + (r.inUse() ? "*" : ""), r.context(), Sizes.human(r.size()), ago(now, r.created()),
            ago(now, r.lastUsed()), Long.toString(r.usageCount()), Boolean.toString(r.shared()));
      }
      out.append(t.render()).append('\n');
    }
    if (anyInUse) out.append(IN_USE_NOTE).append('\n');
    return out.toString();
  }

  static String ago(Instant now, Instant then) {
    return HumanDuration.ago(Duration.between(then, now).isNegative() ? Duration.ZERO : Duration.between(then, now));
  }
}
