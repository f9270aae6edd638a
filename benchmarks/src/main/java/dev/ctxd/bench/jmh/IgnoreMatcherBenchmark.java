package dev.ctxd.bench.jmh;

import dev.ctxd.ignore.IgnoreFile;
import dev.ctxd.ignore.MatchInfo;
import dev.ctxd.ignore.MatchResult;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.ignore.PatternMatcher;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7: the .dockerignore matcher over every path of a kernel-sized tree with a 30-pattern
 * real-world ignore file, in both of Docker's entry points, next to a naive baseline that
 * compiles one regex per pattern and retries it on every ancestor of every path. One
 * invocation = one pass over all paths; divide by {@link PathList#size()} for ns/path.
 *
 * <p>Paths: the file named by {@code -Dctxd.bench.paths=FILE} (one relative path a line, e.g.
 * {@code find . -mindepth 1 | sed 's|^\./||'} in the kernel tree), else a generated kernel-like
 * list of {@link PathList#GENERATED} paths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IgnoreMatcherBenchmark {
  /** A web/monorepo .dockerignore as people write them: 30 patterns, exceptions included. */
  static final String IGNORE_FILE = """
      # VCS and editors
      .git
      .gitignore
      .hg
      .svn
      **/.DS_Store
      **/*.swp
      .idea
      .vscode
      # dependencies
      node_modules
      **/node_modules
      vendor/
      # build outputs
      build
      dist
      out/
      **/target
      **/*.o
      **/*.ko
      **/*.cmd
      **/*.pyc
      **/__pycache__
      coverage
      # logs and temp files
      *.log
      !important.log
      **/tmp/**
      **/*.tmp
      # secrets
      .env
      .env.*
      !.env.example
      **/*.pem
      secrets/
      """;

  PathList paths;
  PatternMatcher matcher;
  NaiveRegexMatcher naive;

  @Setup
  public void setUp() throws Exception {
    paths = PathList.load(System.getProperty("ctxd.bench.paths"));
    List<String> patterns = IgnoreFile.parse(IGNORE_FILE);
    if (patterns.size() != 30) throw new IllegalStateException("expected 30 patterns, got " + patterns.size());
    matcher = PatternMatcher.compile(patterns);
    naive = new NaiveRegexMatcher(patterns);
  }

  /** The walk's entry point: each path decided from its parent's cached result (fsutil). */
  @Benchmark
  public int walkChained() throws PatternException {
    MatchInfo[] infos = new MatchInfo[paths.size()];
    int excluded = 0;
    for (int i = 0; i < paths.size(); i++) {
      int parent = paths.parent(i);
      MatchResult r = matcher.matchesUsingParentResults(paths.path(i), parent < 0 ? MatchInfo.NONE : infos[parent]);
      infos[i] = r.info();
      if (r.matched()) excluded++;
    }
    return excluded;
  }

  /** The single-path entry point ({@code result}): every ancestor tried for each path. */
  @Benchmark
  public int singlePath() throws PatternException {
    int excluded = 0;
    for (int i = 0; i < paths.size(); i++) {
      if (matcher.matchesOrParentMatches(paths.path(i))) excluded++;
    }
    return excluded;
  }

  /** Baseline: one java.util.regex per pattern, retried on every ancestor, last match wins. */
  @Benchmark
  public int naiveRegexPerPattern() {
    int excluded = 0;
    for (int i = 0; i < paths.size(); i++) {
      if (naive.excluded(paths.path(i))) excluded++;
    }
    return excluded;
  }
}
