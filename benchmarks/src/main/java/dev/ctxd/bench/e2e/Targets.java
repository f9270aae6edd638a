package dev.ctxd.bench.e2e;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks issue 8's targets against one run's summaries. Times compare with the faster of the
 * two rsync modes, the stricter reading of "rsync's time".
 */
final class Targets {
  private Targets() {}

  static String table(Map<String, Map<String, Summary>> all, OptionalLong lz4EditedFile) {
    StringBuilder md = new StringBuilder("| target | measured | met |\n| --- | --- | --- |\n");
    timeVsRsync(md, all, "no-change", 1.0);
    wireAtMost(md, all, "no-change", OptionalLong.of(64 * 1024), "64 KiB");
    timeVsRsync(md, all, "one-file-edit", 1.0);
    OptionalLong editLimit = lz4EditedFile.isPresent() ? OptionalLong.of(lz4EditedFile.getAsLong() + 4096) : OptionalLong.empty();
    wireAtMost(md, all, "one-file-edit", editLimit, "LZ4(file) + 4 KiB");
    for (String s : new String[] {"touch-all", "branch-switch"}) {
      Summary c = ctxd(all, s);
      if (c != null) row(md, s + ": content bytes = 0", Markdown.bytes(c.contentBytes()), c.contentBytes().orElse(-1) == 0);
      timeVsRsync(md, all, s, 0.3);
    }
    timeVsRsync(md, all, "first-sync", 1.2);
    Summary first = ctxd(all, "first-sync");
    Summary tar = all.getOrDefault("first-sync", Map.of()).get("tar");
    if (first != null && tar != null) {
      double r = first.wallSeconds() / tar.wallSeconds();
      row(md, "first-sync: ≤ 1.5× tar", Markdown.ratio(r), r <= 1.5);
    }
    long daemonHeap = 0;
    long clientHeap = 0;
    for (Map<String, Summary> byTool : all.values()) {
      Summary c = byTool.get(Markdown.CTXD);
      if (c == null) continue;
      daemonHeap = Math.max(daemonHeap, c.daemonHeapMb().orElse(0));
      clientHeap = Math.max(clientHeap, c.clientHeapMb().orElse(0));
    }
    row(md, "daemon heap ≤ 256 MB (peak, all rows)", daemonHeap + "MiB", daemonHeap <= 256);
    row(md, "client heap ≤ 512 MB (peak, all rows)", clientHeap + "MiB", clientHeap <= 512);
    return md.toString();
  }

  private static Summary ctxd(Map<String, Map<String, Summary>> all, String scenario) {
    return all.getOrDefault(scenario, Map.of()).get(Markdown.CTXD);
  }

  private static void timeVsRsync(StringBuilder md, Map<String, Map<String, Summary>> all, String scenario, double limit) {
    Map<String, Summary> byTool = all.get(scenario);
    if (byTool == null || !byTool.containsKey(Markdown.CTXD)) return;
    double rsync = Math.min(wall(byTool, "rsync-local"), wall(byTool, "rsync-daemon"));
    if (Double.isInfinite(rsync)) return;
    double r = byTool.get(Markdown.CTXD).wallSeconds() / rsync;
    row(md, scenario + ": ≤ " + limit + "× the faster rsync", Markdown.ratio(r), r <= limit);
  }

  private static double wall(Map<String, Summary> byTool, String tool) {
    Summary s = byTool.get(tool);
    return s == null ? Double.POSITIVE_INFINITY : s.wallSeconds();
  }

  private static void wireAtMost(StringBuilder md, Map<String, Map<String, Summary>> all, String scenario, OptionalLong limit, String label) {
    Summary c = ctxd(all, scenario);
    if (c == null || c.wireBytes().isEmpty() || limit.isEmpty()) return;
    row(md, scenario + ": wire ≤ " + label + " (" + Markdown.human(limit.getAsLong()) + ")",
        Markdown.bytes(c.wireBytes()), c.wireBytes().getAsLong() <= limit.getAsLong());
  }

  private static void row(StringBuilder md, String target, String measured, boolean met) {
    md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
  }
}
