package dev.ctxd.bench.jmh;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ManifestDelta.diff and applyTo on a kernel-sized manifest (80k entries in 5k dirs) against
 * the same tree with no change, one file changed, or every mtime changed (touch-all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestDiffBenchmark {
  static final int DIRS = 5_000;
  static final int FILES_PER_DIR = 15;

  @Param({"none", "one", "all"})
  public String change;

  private Manifest base;
  private Manifest next;
  private ManifestDelta delta;

  @Setup
  public void setUp() throws InvalidManifestException {
    base = Manifest.of(tree(0, -1));
    next = switch (change) {
      case "none" -> Manifest.of(tree(0, -1));
      case "one" -> Manifest.of(tree(0, DIRS / 2 * FILES_PER_DIR));
      case "all" -> Manifest.of(tree(1_000_000_000L, -1));
      default -> throw new IllegalArgumentException("change must be none, one or all: " + change);
    };
    delta = ManifestDelta.diff(base, next);
  }

  /** A sorted tree; file number {@code edited} gets other content, every mtime is shifted by {@code mtimeShift}. */
  static List<Entry> tree(long mtimeShift, int edited) {
    List<Entry> entries = new ArrayList<>(DIRS * (FILES_PER_DIR + 1));
    int n = 0;
    for (int d = 0; d < DIRS; d++) {
      String dir = String.format("d%05d", d);
      entries.add(Entry.dir(new RelPath(dir), 0755, 1_700_000_000_000_000_000L + mtimeShift, 0, 0));
      for (int f = 0; f < FILES_PER_DIR; f++, n++) {
        long content = n == edited ? -n : n;
        entries.add(Entry.file(new RelPath(dir + "/f" + f + ".c"), 0644, 10_000 + n % 5000,
            1_700_000_000_000_000_000L + mtimeShift, 0, 0, new Digest(content * 0x9E3779B97F4A7C15L), List.of()));
      }
    }
    return entries;
  }

  @Benchmark
  public ManifestDelta diff() {
    return ManifestDelta.diff(base, next);
  }

  @Benchmark
  public Manifest applyTo() throws InvalidManifestException {
    return delta.applyTo(base);
  }
}
