package dev.ctxd.bench.e2e;

import java.util.OptionalLong;

/**
 * One timed run of one tool in one scenario, as run-e2e.sh records it (a tab-separated line;
 * "-" where a number does not apply to the tool). Byte and memory fields are empty when absent.
 */
record E2eRun(String scenario, String tool, int rep, long wallMillis, double cpuSeconds, OptionalLong clientRssKb,
    OptionalLong contentBytes, OptionalLong wireBytes, double serverCpuSeconds, OptionalLong daemonRssKb,
    OptionalLong daemonHeapMb, OptionalLong clientHeapMb) {
  static final int FIELDS = 13;

  static E2eRun parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != FIELDS) throw new IllegalArgumentException("expected " + FIELDS + " tab-separated fields, got " + f.length + ": " + line);
    try {
      return new E2eRun(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]),
          Double.parseDouble(f[4]) + Double.parseDouble(f[5]), opt(f[6]), opt(f[7]), opt(f[8]),
          f[9].equals("-") ? Double.NaN : Double.parseDouble(f[9]), opt(f[10]), opt(f[11]), opt(f[12]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in results line: " + line, e);
    }
  }

  private static OptionalLong opt(String field) {
    return field.equals("-") || field.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
  }
}
