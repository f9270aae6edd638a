package dev.ctxd.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class E2eReportTest {
  private static E2eRun run(String scenario, String tool, int rep, long wallMs, String content, String wire, String daemonHeap) {
    return E2eRun.parse(String.join("\t", scenario, tool, String.valueOf(rep), String.valueOf(wallMs), "0.50", "0.25", "51200",
        content, wire, "-", "-", daemonHeap, "-"));
  }

  @Test
  void parse_readsEveryFieldAndDashAsAbsent() {
    E2eRun r = E2eRun.parse("no-change\tctxd\t2\t480\t0.40\t0.10\t90000\t0\t12345\t0.30\t200000\t80\t40");
    assertThat(r.wallMillis()).isEqualTo(480);
    assertThat(r.cpuSeconds()).isEqualTo(0.5);
    assertThat(r.wireBytes()).hasValue(12345);
    assertThat(r.daemonHeapMb()).hasValue(80);
    assertThat(run("x", "tar", 1, 1, "5", "-", "-").wireBytes()).isEmpty();
  }

  @Test
  void parse_wrongFieldCount_namesTheLine() {
    assertThatThrownBy(() -> E2eRun.parse("a\tb\t1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a\tb\t1");
  }

  @Test
  void summary_takesMedianTimeAndPeakMemory() {
    Summary s = Summary.of(List.of(run("s", "ctxd", 1, 900, "10", "100", "50"), run("s", "ctxd", 2, 100, "30", "300", "70"),
        run("s", "ctxd", 3, 300, "20", "200", "60"), run("s", "ctxd", 4, 500, "40", "400", "65")));
    assertThat(s.wallSeconds()).isEqualTo(0.4);   // even count: mean of 300 and 500 ms
    assertThat(s.contentBytes()).hasValue(25);
    assertThat(s.daemonHeapMb()).hasValue(70);
    assertThat(s.runs()).isEqualTo(4);
  }

  @Test
  void timeTable_givesCtxdOverPeerRatios() {
    List<E2eRun> runs = List.of(run("no-change", "ctxd", 1, 250, "0", "1000", "50"), run("no-change", "rsync-local", 1, 500, "0", "2000000", "-"),
        run("no-change", "tar", 1, 1000, "1300000000", "-", "-"));
    String table = Markdown.timeTable(Markdown.summarize(runs));
    assertThat(table).contains("| no-change | 1 | 0.25 | 0.50 | 0.50× | - | - | 1.00 | 0.25× |");
  }

  @Test
  void targets_judgeAgainstTheFasterRsync() {
    List<E2eRun> runs = List.of(run("touch-all", "ctxd", 1, 3000, "0", "5000", "300"), run("touch-all", "rsync-local", 1, 9000, "-", "-", "-"),
        run("touch-all", "rsync-daemon", 1, 12000, "-", "-", "-"));
    String table = Targets.table(Markdown.summarize(runs), OptionalLong.empty());
    assertThat(table).contains("| touch-all: content bytes = 0 | 0B | yes |")
        .contains("| touch-all: ≤ 0.3× the faster rsync | 0.33× | **no** |")
        .contains("| daemon heap ≤ 256 MB (peak, all rows) | 300MiB | **no** |");
  }

  @Test
  void human_usesDockerDecimalUnits() {
    assertThat(Markdown.human(999)).isEqualTo("999B");
    assertThat(Markdown.human(1_234)).isEqualTo("1.23kB");
    assertThat(Markdown.human(65_536)).isEqualTo("65.5kB");
    assertThat(Markdown.human(1_300_000_000)).isEqualTo("1.30GB");
  }

  @Test
  void replaceBetweenMarkers_replacesOnlyTheBlock_orAppendsIt() {
    String doc = "# Benchmarks\nintro\n" + E2eReport.BEGIN + "\nold table\n" + E2eReport.END + "\ntail\n";
    assertThat(E2eReport.replaceBetweenMarkers(doc, "new table\n"))
        .isEqualTo("# Benchmarks\nintro\n" + E2eReport.BEGIN + "\nnew table\n" + E2eReport.END + "\ntail\n");
    assertThat(E2eReport.replaceBetweenMarkers("# B", "t\n")).isEqualTo("# B\n" + E2eReport.BEGIN + "\nt\n" + E2eReport.END + "\n");
  }
}
