package dev.ctxd.server;

import dev.ctxd.cache.StoreUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a prune removes, from a {@link CacheModel}; changes nothing. The units of
 * removal are: content no context references (always first), materialized copies left by
 * removed contexts, and, least recently and least often used first (BuildKit's order: the sum
 * of both ranks), a context's copy or, with {@code --all}, the whole context (its manifests,
 * the content only it references, its copy). Contexts an open session leases are never units.
 * Removing a context makes content it shared with other removed contexts unreferenced, so
 * what a unit frees is counted as the units are taken.
 */
final class PrunePlan {
  /** A materialized copy to delete: its context's id and key ("" when it has no context). */
  record Copy(String id, String contextKey) {}

  final List<String> contexts = new ArrayList<>();
  final Set<Long> chunks = new HashSet<>();
  final List<Copy> copies = new ArrayList<>();
  final List<UsageReport.Record> removed = new ArrayList<>();
  boolean unreferenced;
  long bytes;

  private enum Kind { UNREFERENCED, ORPHAN_COPY, COPY, CONTEXT }

  private record Unit(Kind kind, String id, int context, Instant lastUsed, long usage) {}

  private final CacheModel model;
  private final Map<Long, Integer> remainingRefs = new HashMap<>();

  private PrunePlan(CacheModel model) {
    this.model = model;
  }

  static PrunePlan make(CacheModel model, PruneOptions options, long freeBytes) {
    PrunePlan plan = new PrunePlan(model);
    plan.choose(options, freeBytes);
    return plan;
  }

  private void choose(PruneOptions o, long freeBytes) {
    Instant cutoff = o.until().orElse(Instant.MAX);
    List<Unit> units = new ArrayList<>();
    units.add(new Unit(Kind.UNREFERENCED, CacheModel.UNREFERENCED, -1, Instant.MIN, 0));
    for (Map.Entry<String, Instant> e : model.files.copyTimes().entrySet()) {
      if (!model.indexById.containsKey(e.getKey()) && model.files.copies().containsKey(e.getKey())) {
        units.add(new Unit(Kind.ORPHAN_COPY, e.getKey(), -1, e.getValue(), 0));
      }
    }
    List<Unit> ranked = new ArrayList<>();
    for (int i = 0; i < model.contexts.size(); i++) {
      StoreUsage.ContextUsage c = model.contexts.get(i);
      if (c.leased()) continue;
      String id = model.idOf(i);
      if (!o.all() && !model.files.copies().containsKey(id)) continue;
      ranked.add(new Unit(o.all() ? Kind.CONTEXT : Kind.COPY, id, i, c.record().lastUsed(), c.record().usageCount()));
    }
    units.addAll(byLruAndLfu(ranked));
    units.removeIf(u -> u.kind != Kind.UNREFERENCED && !u.lastUsed.isBefore(cutoff));
    if (!o.ids().isEmpty()) units.removeIf(u -> o.ids().stream().noneMatch(u.id::startsWith));

    long total = model.cacheBytes();
    long target = 0; // prune down to this size; 0 with no limit means remove every unit
    if (o.limited()) {
      long need = 0;
      if (o.maxUsedSpace() > 0) need = Math.max(need, total - o.maxUsedSpace());
      if (o.minFreeSpace() > 0) need = Math.max(need, o.minFreeSpace() - freeBytes);
      if (o.maxUsedSpace() == 0 && o.minFreeSpace() == 0) need = total - o.reservedSpace();
      need = Math.min(need, total - o.reservedSpace());
      if (need <= 0) return;
      target = total - need;
    }
    for (Unit u : units) {
      if (o.limited() && total <= target) break;
      long freed = take(u, cutoff);
      total -= freed;
    }
  }

  /** Adds the unit to the plan and returns the bytes it frees. */
  private long take(Unit u, Instant cutoff) {
    long freed = 0;
    switch (u.kind) {
      case UNREFERENCED -> {
        Instant newest = Instant.EPOCH;
        for (Map.Entry<Long, StoreUsage.ChunkStat> e : model.usage.chunks().entrySet()) {
          StoreUsage.ChunkStat s = e.getValue();
          if (s.pinned() || model.refs.containsKey(e.getKey()) || !Instant.ofEpochMilli(s.storedAtMillis()).isBefore(cutoff)) continue;
          chunks.add(e.getKey());
          freed += s.diskBytes();
          if (s.storedAtMillis() > newest.toEpochMilli()) newest = Instant.ofEpochMilli(s.storedAtMillis());
        }
        freed += model.reclaimableGarbage();
        if (freed == 0) return 0;
        unreferenced = true;
        record(u.id, UsageReport.CONTENT, "(no context references it)", freed, newest, newest, 0);
      }
      case ORPHAN_COPY -> {
        freed = model.files.copies().get(u.id);
        copies.add(new Copy(u.id, ""));
        record(u.id, UsageReport.MATERIALIZED, "(no context: left by a removed one)", freed, u.lastUsed, u.lastUsed, 0);
      }
      case COPY -> {
        StoreUsage.ContextUsage c = model.contexts.get(u.context);
        freed = model.files.copies().get(u.id);
        copies.add(new Copy(u.id, c.record().key()));
        record(u.id, UsageReport.MATERIALIZED, c.record().key(), freed, c.record().created(), c.record().lastUsed(), c.record().usageCount());
      }
      case CONTEXT -> {
        StoreUsage.ContextUsage c = model.contexts.get(u.context);
        contexts.add(c.record().key());
        freed = c.snapshotBytes() + model.files.copies().getOrDefault(u.id, 0L);
        if (model.files.copies().containsKey(u.id)) copies.add(new Copy(u.id, c.record().key()));
        for (long d : model.chunksOf.get(u.context)) {
          List<Integer> members = model.refs.get(d);
          if (members == null) continue; // pinned
          int left = remainingRefs.merge(d, members.size() - 1, (was, init) -> was - 1);
          if (left == 0) {
            chunks.add(d);
            freed += model.usage.chunks().get(d).diskBytes();
          }
        }
        record(u.id, UsageReport.CONTEXT, c.record().key(), freed, c.record().created(), c.record().lastUsed(), c.record().usageCount());
      }
    }
    bytes += freed;
    return freed;
  }

  private void record(String id, String type, String context, long size, Instant created, Instant lastUsed, long usage) {
    removed.add(new UsageReport.Record(id, type, context, size, created, lastUsed, usage, false, false, true));
  }

  /**
   * Sorted by the sum of the rank by last use and the rank by usage count, oldest and least
   * used first; equal values share a rank (the count of smaller ones), so ties fall to last use.
   */
  private static List<Unit> byLruAndLfu(List<Unit> units) {
    Map<Unit, Long> score = new HashMap<>();
    for (Unit u : units) {
      long olderOrLessUsed = 0;
      for (Unit v : units) {
        if (v.lastUsed.isBefore(u.lastUsed)) olderOrLessUsed++;
        if (v.usage < u.usage) olderOrLessUsed++;
      }
      score.put(u, olderOrLessUsed);
    }
    List<Unit> out = new ArrayList<>(units);
    out.sort(Comparator.<Unit>comparingLong(score::get).thenComparing(Unit::lastUsed));
    return out;
  }
}
