package dev.ctxd.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The benchmarks' scratch directories. */
final class TempTrees {
  private TempTrees() {}

  /** Deletes {@code dir} and everything under it, children before parents. */
  static void delete(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) Files.delete(p);
  }
}
