package dev.ctxd.bench.jmh;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The client's walk (TreeWalker: filtered readdir plus one fstatat per entry,
 * serial and with directories listed ahead on two threads) against a bare {@code Files.walkFileTree} with basic attributes, and the lstat alone.
 * Tree: {@code -Dctxd.bench.tree=DIR} (e.g. the kernel corpus), else a generated one of 20k
 * files in 1k dirs under java.io.tmpdir.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// The launcher opens sun.nio.fs so FileStat reads the JDK's stat fields; the fork does as it does.
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
public class WalkBenchmark {
  private Path root;
  private boolean generated;
  private ContextFilter filter;
  private Path someFile;
  private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "walk-prefetch");
    t.setDaemon(true);
    return t;
  });

  @Setup
  public void setUp() throws IOException, PatternException {
    String given = System.getProperty("ctxd.bench.tree");
    generated = given == null;
    root = generated ? generate(Files.createTempDirectory("ctxd-walk-bench")) : Path.of(given);
    filter = ContextFilter.of(List.of(".git", "**/*.o", "**/*.ko", "**/*.cmd"), List.of());
    try (Stream<Path> s = Files.walk(root)) {
      someFile = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
  }

  private static Path generate(Path dir) throws IOException {
    for (int d = 0; d < 1000; d++) {
      Path sub = Files.createDirectories(dir.resolve("d" + d / 100).resolve("e" + d));
      for (int f = 0; f < 20; f++) Files.writeString(sub.resolve("f" + f + ".c"), "int x" + f + ";\n");
    }
    return dir;
  }

  @TearDown
  public void tearDown() throws IOException {
    pool.shutdownNow();
    if (!generated) return;
    TempTrees.delete(root);
  }

  @Benchmark
  public int treeWalker() throws IOException, PatternException {
    return TreeWalker.walk(root, filter, WalkListener.NONE).size();
  }

  /** As the client scans: directories listed ahead on two threads. */
  @Benchmark
  public int treeWalkerPrefetch() throws IOException, PatternException {
    return TreeWalker.walk(root, filter, WalkListener.NONE, pool).size();
  }

  @Benchmark
  public int walkFileTreeBasic() throws IOException {
    int[] count = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        count[0] += attrs.size() > 0 ? 1 : 0;
        return FileVisitResult.CONTINUE;
      }
    });
    return count[0];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public FileStat lstatUnix() throws IOException {
    return FileStat.of(someFile);
  }

  /** The portable lstat FileStat.of used before issue 8 (the {@code unix:} attribute map). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public FileStat lstatAttributeMap() throws IOException {
    return FileStat.ofAttributeMap(someFile);
  }
}
