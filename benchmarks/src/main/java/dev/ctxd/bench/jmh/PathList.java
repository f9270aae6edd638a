package dev.ctxd.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * The paths a walk visits, parents before children, each with the index of its parent (-1 at
 * the top), so a benchmark can chain parent results as the walk does. Immutable.
 */
final class PathList {
  /** About the kernel tree: ~84k entries, 5k directories, median depth 4. */
  static final int GENERATED = 84_000;
  private static final String[] TOP = {"arch", "drivers", "fs", "include", "kernel", "net", "sound", "tools", "Documentation", "lib", "mm", "scripts", "security", "crypto", "block"};
  private static final String[] EXT = {".c", ".c", ".c", ".h", ".h", ".S", ".rst", ".txt", ".yaml", "", ".sh", ".py", ".o", ".cmd", ".log"};

  private final String[] paths;
  private final int[] parents;

  private PathList(List<String> sorted) {
    paths = sorted.toArray(String[]::new);
    parents = new int[paths.length];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < paths.length; i++) {
      index.put(paths[i], i);
      int slash = paths[i].lastIndexOf('/');
      parents[i] = slash < 0 ? -1 : index.getOrDefault(paths[i].substring(0, slash), -1);
    }
  }

  static PathList load(String file) throws IOException {
    TreeSet<String> all = new TreeSet<>();
    if (file != null && !file.isEmpty()) {
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) addWithParents(all, line);
      }
    } else {
      generate(all);
    }
    return new PathList(new ArrayList<>(all));
  }

  /** A deterministic kernel-like tree: wide top level, deep driver dirs, a few build outputs. */
  private static void generate(TreeSet<String> out) {
    Random random = new Random(42);
    while (out.size() < GENERATED) {
      StringBuilder p = new StringBuilder(TOP[random.nextInt(TOP.length)]);
      int depth = 1 + random.nextInt(4);
      for (int d = 0; d < depth; d++) p.append('/').append(d == 0 ? "sub" : "mod").append(random.nextInt(d == 0 ? 40 : 12));
      p.append("/file").append(random.nextInt(60)).append(EXT[random.nextInt(EXT.length)]);
      addWithParents(out, p.toString());
    }
  }

  private static void addWithParents(TreeSet<String> out, String path) {
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) out.add(path.substring(0, slash));
    out.add(path);
  }

  int size() {
    return paths.length;
  }

  String path(int i) {
    return paths[i];
  }

  int parent(int i) {
    return parents[i];
  }
}
