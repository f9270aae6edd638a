package dev.ctxd.server;

import dev.ctxd.cache.StoreUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's usage and the state directory's files seen as df's records. Content is grouped
 * by the set of contexts that reference it: a context's own content carries the context's id;
 * content several contexts share is one record (SHARED), counted once; content nobody
 * references, and the blob garbage of deleted chunks, is {@value #UNREFERENCED}; chunks an
 * in-flight sync pinned are {@value #UPLOADING} (in use). Immutable once built.
 */
final class CacheModel {
  static final String UNREFERENCED = "unreferenced";
  static final String UPLOADING = "uploading";
  static final String STORE_FILES = "store-files";
  static final String DAEMON_FILES = "daemon-files";

  final StoreUsage usage;
  final StateFiles files;
  final Instant now;
  final List<StoreUsage.ContextUsage> contexts;
  final Map<String, Integer> indexById = new HashMap<>();
  /** For each referenced, unpinned chunk, the indexes of the contexts referencing it. */
  final Map<Long, List<Integer>> refs = new HashMap<>();
  final List<long[]> chunksOf = new ArrayList<>();

  CacheModel(StoreUsage usage, StateFiles files, Instant now) {
    this.usage = usage;
    this.files = files;
    this.now = now;
    this.contexts = new ArrayList<>(usage.contexts());
    contexts.sort(Comparator.comparing(c -> c.record().key()));
    for (int i = 0; i < contexts.size(); i++) {
      indexById.put(contexts.get(i).record().id().hex(), i);
      long[] chunks = contexts.get(i).chunks();
      chunksOf.add(chunks);
      for (long d : chunks) {
        if (!usage.chunks().get(d).pinned()) refs.computeIfAbsent(d, k -> new ArrayList<>(2)).add(i);
      }
    }
  }

  /**
   * Blob garbage a prune counts and reclaims: at least 64MiB or a tenth of the store. Below that
   * it stays with the store's files: a compaction beside uploads leaves a little garbage behind
   * (blobs it relocated out of files still partly live), and relocating every live blob again for
   * that would only make the next little bit.
   */
  long reclaimableGarbage() {
    long g = usage.garbageBytes();
    return g >= 64L << 20 || g * 10 >= usage.diskBytes() && g > 0 ? g : 0;
  }

  long diskBytes() {
    return cacheBytes() + files.daemonBytes();
  }

  /**
   * What space limits measure: the store and the materialized copies. The daemon's own files
   * (its launcher jar copy alone is ≈117 MB) are not cache, and no prune can shrink them, so a
   * limit below them would otherwise remove every context.
   */
  long cacheBytes() {
    return usage.diskBytes() + files.copies().values().stream().mapToLong(Long::longValue).sum();
  }

  String idOf(int context) {
    return contexts.get(context).record().id().hex();
  }

  UsageReport report() {
    List<UsageReport.Record> records = new ArrayList<>();
    for (StoreUsage.ContextUsage c : contexts) {
      var r = c.record();
      records.add(new UsageReport.Record(r.id().hex(), UsageReport.CONTEXT, r.key(), c.snapshotBytes(), r.created(), r.lastUsed(),
          r.usageCount(), false, c.leased(), !c.leased()));
    }
    records.addAll(contentRecords());
    records.addAll(copyRecords());
    records.add(new UsageReport.Record(DAEMON_FILES, UsageReport.DAEMON, "(logs, pid, launcher jars)", files.daemonBytes(), now, now, 0,
        false, false, false));
    records.sort(Comparator.comparing(UsageReport.Record::lastUsed).thenComparing(UsageReport.Record::id));
    return new UsageReport(summaries(records), records, diskBytes());
  }

  private List<UsageReport.Record> contentRecords() {
    Map<List<Integer>, long[]> groups = new LinkedHashMap<>(); // members → {bytes, min stored, chunks}
    long[] unreferenced = {reclaimableGarbage(), Long.MAX_VALUE, Long.MIN_VALUE};
    long[] uploading = {0, Long.MAX_VALUE, Long.MIN_VALUE};
    for (Map.Entry<Long, StoreUsage.ChunkStat> e : usage.chunks().entrySet()) {
      StoreUsage.ChunkStat s = e.getValue();
      List<Integer> members = refs.get(e.getKey());
      long[] acc = s.pinned() ? uploading : members == null ? unreferenced : groups.computeIfAbsent(members, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
      acc[0] += s.diskBytes();
      acc[1] = Math.min(acc[1], s.storedAtMillis());
      acc[2] = Math.max(acc[2], s.storedAtMillis()); // last use of content nobody references: when it was stored
    }
    List<UsageReport.Record> out = new ArrayList<>();
    for (Map.Entry<List<Integer>, long[]> g : groups.entrySet()) {
      List<Integer> members = g.getKey();
      boolean inUse = false;
      Instant lastUsed = Instant.EPOCH;
      List<String> keys = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i : members) {
        var c = contexts.get(i);
        inUse |= c.leased();
        if (c.record().lastUsed().isAfter(lastUsed)) lastUsed = c.record().lastUsed();
        keys.add(c.record().key());
        ids.add(idOf(i));
      }
      String id = members.size() == 1 ? ids.get(0) : shortHash(String.join(",", ids));
      out.add(new UsageReport.Record(id, UsageReport.CONTENT, String.join(", ", keys), g.getValue()[0], Instant.ofEpochMilli(g.getValue()[1]),
          lastUsed, members.size(), members.size() > 1, inUse, !inUse));
    }
    if (unreferenced[0] > 0 || unreferenced[1] != Long.MAX_VALUE) out.add(special(UNREFERENCED, "(no context references it)", unreferenced, false));
    if (uploading[1] != Long.MAX_VALUE) out.add(special(UPLOADING, "(pinned by syncs in progress)", uploading, true));
    out.add(new UsageReport.Record(STORE_FILES, UsageReport.CONTENT, "(RocksDB MANIFEST, OPTIONS, WAL, logs)",
        Math.max(0, usage.overheadBytes() + usage.garbageBytes() - reclaimableGarbage()),
        now, now, 0, false, false, false));
    return out;
  }

  private UsageReport.Record special(String id, String what, long[] acc, boolean inUse) {
    Instant created = acc[1] == Long.MAX_VALUE ? now : Instant.ofEpochMilli(acc[1]);
    Instant last = acc[2] == Long.MIN_VALUE ? now : Instant.ofEpochMilli(acc[2]);
    return new UsageReport.Record(id, UsageReport.CONTENT, what, acc[0], created, last, 0, false, inUse, !inUse);
  }

  private List<UsageReport.Record> copyRecords() {
    List<UsageReport.Record> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : files.copies().entrySet()) {
      Integer i = indexById.get(e.getKey());
      if (i == null) {
        Instant t = files.copyTimes().getOrDefault(e.getKey(), Instant.EPOCH);
        out.add(new UsageReport.Record(e.getKey(), UsageReport.MATERIALIZED, "(no context: left by a removed one)", e.getValue(), t, t, 0,
            false, false, true));
      } else {
        var c = contexts.get(i);
        out.add(new UsageReport.Record(e.getKey(), UsageReport.MATERIALIZED, c.record().key(), e.getValue(), c.record().created(),
            c.record().lastUsed(), c.record().usageCount(), false, c.leased(), !c.leased()));
      }
    }
    return out;
  }

  private List<UsageReport.Summary> summaries(List<UsageReport.Record> records) {
    List<UsageReport.Summary> out = new ArrayList<>();
    for (String type : UsageReport.TYPES) {
      long total = 0;
      long active = 0;
      long size = 0;
      long reclaimable = 0;
      for (UsageReport.Record r : records) {
        if (!r.type().equals(type)) continue;
        size += r.size();
        if (r.reclaimable()) reclaimable += r.size();
        if (type.equals(UsageReport.CONTENT) || type.equals(UsageReport.DAEMON)) continue;
        total++;
        if (r.inUse()) active++;
      }
      if (type.equals(UsageReport.CONTENT)) {
        total = usage.chunks().size();
        active = activeChunks();
      } else if (type.equals(UsageReport.DAEMON)) {
        total = 1;
      }
      out.add(new UsageReport.Summary(type, total, active, size, reclaimable));
    }
    return out;
  }

  private long activeChunks() {
    long n = 0;
    for (Map.Entry<Long, StoreUsage.ChunkStat> e : usage.chunks().entrySet()) {
      if (e.getValue().pinned()) {
        n++;
        continue;
      }
      List<Integer> members = refs.get(e.getKey());
      if (members != null && members.stream().anyMatch(i -> contexts.get(i).leased())) n++;
    }
    return n;
  }

  static String shortHash(String text) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
