package dev.ctxd.bench.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Renders the harness's summaries as the Markdown tables docs/benchmarks.md shows. */
final class Markdown {
  static final String CTXD = "ctxd";
  static final List<String> PEERS = List.of("rsync-local", "rsync-daemon", "tar");

  private Markdown() {}

  /** Summaries keyed by scenario then tool, both in the order the runs were recorded. */
  static Map<String, Map<String, Summary>> summarize(List<E2eRun> runs) {
    Map<String, Map<String, List<E2eRun>>> grouped = new LinkedHashMap<>();
    for (E2eRun r : runs) grouped.computeIfAbsent(r.scenario(), s -> new LinkedHashMap<>()).computeIfAbsent(r.tool(), t -> new ArrayList<>()).add(r);
    Map<String, Map<String, Summary>> out = new LinkedHashMap<>();
    grouped.forEach((scenario, byTool) -> {
      Map<String, Summary> s = new LinkedHashMap<>();
      byTool.forEach((tool, list) -> s.put(tool, Summary.of(list)));
      out.put(scenario, s);
    });
    return out;
  }

  static String timeTable(Map<String, Map<String, Summary>> all) {
    StringBuilder md = new StringBuilder("| scenario | runs | ctxd s | rsync local s | ctxd/rsync local | rsync daemon s | ctxd/rsync daemon | tar c\\|x s | ctxd/tar |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    all.forEach((scenario, byTool) -> {
      Summary ctxd = byTool.get(CTXD);
      if (ctxd == null) return;
      md.append("| ").append(scenario).append(" | ").append(ctxd.runs()).append(" | ").append(seconds(ctxd.wallSeconds()));
      for (String peer : PEERS) {
        Summary p = byTool.get(peer);
        md.append(" | ").append(p == null ? "-" : seconds(p.wallSeconds()))
            .append(" | ").append(p == null ? "-" : ratio(ctxd.wallSeconds() / p.wallSeconds()));
      }
      md.append(" |\n");
    });
    return md.toString();
  }

  static String detailTable(Map<String, Map<String, Summary>> all) {
    StringBuilder md = new StringBuilder("| scenario | tool | content | wire | client CPU s | server CPU s | client peak RSS | client peak heap | daemon peak RSS | daemon peak heap |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    all.forEach((scenario, byTool) -> {
      if (!byTool.containsKey(CTXD)) return;
      byTool.values().forEach(s -> md.append("| ").append(scenario).append(" | ").append(s.tool())
          .append(" | ").append(bytes(s.contentBytes())).append(" | ").append(bytes(s.wireBytes()))
          .append(" | ").append(seconds(s.cpuSeconds())).append(" | ").append(seconds(s.serverCpuSeconds()))
          .append(" | ").append(kb(s.clientRssKb())).append(" | ").append(mb(s.clientHeapMb()))
          .append(" | ").append(kb(s.daemonRssKb())).append(" | ").append(mb(s.daemonHeapMb())).append(" |\n"));
    });
    return md.toString();
  }

  static String referenceTable(Map<String, Map<String, Summary>> all) {
    StringBuilder md = new StringBuilder("| reference point | runs | median s | CPU s |\n| --- | ---: | ---: | ---: |\n");
    all.forEach((scenario, byTool) -> {
      if (byTool.containsKey(CTXD)) return;
      byTool.values().forEach(s -> md.append("| ").append(scenario).append(" | ").append(s.runs())
          .append(" | ").append(seconds(s.wallSeconds())).append(" | ").append(seconds(s.cpuSeconds())).append(" |\n"));
    });
    return md.toString();
  }

  static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f", s);
  }

  static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2f×", r);
  }

  /** Decimal units as Docker prints them (1.23GB); exact below 1 kB. */
  static String bytes(OptionalLong b) {
    return b.isPresent() ? human(b.getAsLong()) : "-";
  }

  static String human(long b) {
    if (b < 1000) return b + "B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = b;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, units[u]);
  }

  private static String kb(OptionalLong kb) {
    return kb.isPresent() ? human(kb.getAsLong() * 1024) : "-";
  }

  private static String mb(OptionalLong mb) {
    return mb.isPresent() ? mb.getAsLong() + "MiB" : "-";
  }
}
