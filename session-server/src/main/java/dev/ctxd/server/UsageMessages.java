package dev.ctxd.server;

import dev.ctxd.proto.v1.DfRecord;
import dev.ctxd.proto.v1.DfResponse;
import dev.ctxd.proto.v1.DfSummary;
import dev.ctxd.proto.v1.PruneResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Converts df and prune results to and from their wire form; the only place both shapes meet. */
public final class UsageMessages {
  private UsageMessages() {}

  static DfResponse toWire(UsageReport report, boolean verbose) {
    DfResponse.Builder b = DfResponse.newBuilder().setDiskBytes(report.diskBytes());
    for (UsageReport.Summary s : report.summaries()) {
      b.addSummaries(DfSummary.newBuilder().setType(s.type()).setTotal(s.total()).setActive(s.active()).setSize(s.size()).setReclaimable(s.reclaimable()));
    }
    if (verbose) for (UsageReport.Record r : report.records()) b.addRecords(toWire(r));
    return b.build();
  }

  static PruneResponse toWire(PruneResult result) {
    PruneResponse.Builder b = PruneResponse.newBuilder().setReclaimedBytes(result.reclaimedBytes())
        .setDiskBefore(result.diskBefore()).setDiskAfter(result.diskAfter());
    for (UsageReport.Record r : result.removed()) b.addRemoved(toWire(r));
    return b.build();
  }

  private static DfRecord toWire(UsageReport.Record r) {
    return DfRecord.newBuilder().setId(r.id()).setType(r.type()).setContext(displayKey(r.context())).setSize(r.size())
        .setCreatedMs(r.created().toEpochMilli()).setLastUsedMs(r.lastUsed().toEpochMilli()).setUsageCount(r.usageCount())
        .setShared(r.shared()).setInUse(r.inUse()).setReclaimable(r.reclaimable()).build();
  }

  /** Another tenant's context is stored as {@code tenant NUL key} (see Tenant#scope); shown as {@code [tenant] key}. */
  static String displayKey(String storedKey) {
    int nul = storedKey.indexOf('\0');
    return nul < 0 ? storedKey : "[" + storedKey.substring(0, nul) + "] " + storedKey.substring(nul + 1);
  }

  /** The client's side: a DfResponse as a report. */
  public static UsageReport fromWire(DfResponse response) {
    List<UsageReport.Summary> summaries = new ArrayList<>();
    for (DfSummary s : response.getSummariesList()) summaries.add(new UsageReport.Summary(s.getType(), s.getTotal(), s.getActive(), s.getSize(), s.getReclaimable()));
    List<UsageReport.Record> records = new ArrayList<>();
    for (DfRecord r : response.getRecordsList()) records.add(fromWire(r));
    return new UsageReport(summaries, records, response.getDiskBytes());
  }

  public static PruneResult fromWire(PruneResponse response) {
    List<UsageReport.Record> removed = new ArrayList<>();
    for (DfRecord r : response.getRemovedList()) removed.add(fromWire(r));
    return new PruneResult(removed, response.getReclaimedBytes(), response.getDiskBefore(), response.getDiskAfter());
  }

  private static UsageReport.Record fromWire(DfRecord r) {
    return new UsageReport.Record(r.getId(), r.getType(), r.getContext(), r.getSize(), Instant.ofEpochMilli(r.getCreatedMs()),
        Instant.ofEpochMilli(r.getLastUsedMs()), r.getUsageCount(), r.getShared(), r.getInUse(), r.getReclaimable());
  }
}
