package dev.ctxd.bench.jmh;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.walk.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client state of a kernel-sized context (83k entries: 4k directories of 20 files, paths
 * like the kernel's): writing and reading the state file (format 2, issue 8), and
 * {@code Manifest.of} (sort check and tree validation), which every scan and load runs.
 * The state file goes to java.io.tmpdir (use /dev/shm to leave the disk out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientStateBenchmark {
  private ClientState state;
  private List<Entry> entries;
  private Path dir;
  private Path file;

  @Setup
  public void setUp() throws IOException, InvalidManifestException {
    entries = new ArrayList<>();
    Map<RelPath, FileStat> stats = new HashMap<>();
    long mtime = 1_700_000_000_000_000_000L;
    for (int a = 0; a < 40; a++) {
      String top = "drivers" + a;
      entries.add(Entry.dir(RelPath.of(top), 0755, mtime, 1000, 1000));
      for (int b = 0; b < 100; b++) {
        String sub = top + "/gpu_subsystem_" + b;
        entries.add(Entry.dir(RelPath.of(sub), 0755, mtime, 1000, 1000));
        for (int f = 0; f < 20; f++) {
          RelPath p = RelPath.of(sub + "/source_file_" + f + ".c");
          long size = 1000 + f * 97L;
          entries.add(Entry.file(p, 0644, size, mtime + f, 1000, 1000, new Digest(p.hashCode() * 0x9E3779B97F4A7C15L), List.of()));
          stats.put(p, new FileStat(FileStat.Kind.FILE, 0644, size, mtime + f, mtime + f, 1_000_000L + entries.size(), 2049, 1000, 1000, 1));
        }
      }
    }
    state = new ClientState("daemon", 3, mtime, Manifest.of(entries), stats);
    dir = Files.createTempDirectory("ctxd-state-bench");
    file = dir.resolve("ctx.state");
    state.save(file);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public Path save() throws IOException {
    state.save(file);
    return file;
  }

  @Benchmark
  public ClientState load() {
    return ClientState.load(file);
  }

  @Benchmark
  public Manifest manifestOf() throws InvalidManifestException {
    return Manifest.of(entries);
  }
}
