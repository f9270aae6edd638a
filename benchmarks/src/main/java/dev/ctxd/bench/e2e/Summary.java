package dev.ctxd.bench.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** One tool in one scenario over all its runs: medians of what varies, maxima of the peaks. */
record Summary(String scenario, String tool, int runs, double wallSeconds, double cpuSeconds, double serverCpuSeconds,
    OptionalLong contentBytes, OptionalLong wireBytes, OptionalLong clientRssKb, OptionalLong daemonRssKb,
    OptionalLong daemonHeapMb, OptionalLong clientHeapMb) {

  static Summary of(List<E2eRun> runs) {
    if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
    E2eRun first = runs.get(0);
    return new Summary(first.scenario(), first.tool(), runs.size(),
        median(runs, r -> r.wallMillis() / 1000.0), median(runs, E2eRun::cpuSeconds), median(runs, E2eRun::serverCpuSeconds),
        medianOf(runs, E2eRun::contentBytes), medianOf(runs, E2eRun::wireBytes),
        maxOf(runs, E2eRun::clientRssKb), maxOf(runs, E2eRun::daemonRssKb), maxOf(runs, E2eRun::daemonHeapMb), maxOf(runs, E2eRun::clientHeapMb));
  }

  /** The median; for an even count, the mean of the middle two. NaN when no run has the value. */
  static double median(List<E2eRun> runs, ToDoubleFunction<E2eRun> value) {
    double[] v = runs.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static OptionalLong medianOf(List<E2eRun> runs, Function<E2eRun, OptionalLong> value) {
    long[] v = runs.stream().map(value).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).sorted().toArray();
    if (v.length == 0) return OptionalLong.empty();
    return OptionalLong.of(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
  }

  private static OptionalLong maxOf(List<E2eRun> runs, Function<E2eRun, OptionalLong> value) {
    return Arrays.stream(runs.stream().map(value).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).toArray()).max();
  }
}
