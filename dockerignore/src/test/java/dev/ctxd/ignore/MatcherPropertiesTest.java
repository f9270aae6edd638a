package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the matcher and the walk that every Docker-compatible matcher must have. */
class MatcherPropertiesTest {
  @Provide
  Arbitrary<String> literalPath() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "ab", "é", "x-y", "_z", "日本").list()
        .ofMinSize(1).ofMaxSize(2).map(l -> String.join("", l));
    return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
  }

  @Provide
  Arbitrary<String> pattern() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "*", "?", "**", "[ab]", "a*", "\\d", "é")
        .list().ofMinSize(1).ofMaxSize(2).map(l -> String.join("", l));
    return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
  }

  @Provide
  Arbitrary<List<String>> patternList() {
    Arbitrary<String> entry = Combinators.combine(Arbitraries.of(true, false), pattern())
        .as((neg, p) -> neg ? "!" + p : p);
    return entry.list().ofMaxSize(4);
  }

  @Property
  void literalPattern_excludesExactlyItselfAndDescendants(
      @ForAll("literalPath") String pattern, @ForAll("literalPath") String other,
      @ForAll boolean underPattern) throws PatternException {
    String path = underPattern ? pattern + "/" + other : other;
    boolean expected = path.equals(pattern) || path.startsWith(pattern + "/");
    PatternMatcher pm = PatternMatcher.compile(List.of(pattern));
    assertThat(pm.matchesOrParentMatches(path)).isEqualTo(expected);
    assertThat(pm.matchesOrParentMatches(pattern)).isTrue();
  }

  @Property
  void appendingPatternAndException_includesExactlyWhatItMatches(
      @ForAll("patternList") List<String> patterns, @ForAll("pattern") String p,
      @ForAll("literalPath") String path) throws PatternException {
    List<String> extended = new ArrayList<>(patterns);
    extended.add(p);
    extended.add("!" + p);
    boolean pMatches = PatternMatcher.compile(List.of(p)).matchesOrParentMatches(path);
    boolean before = PatternMatcher.compile(patterns).matchesOrParentMatches(path);
    boolean after = PatternMatcher.compile(extended).matchesOrParentMatches(path);
    assertThat(after).isEqualTo(pMatches ? false : before);
  }

  @Property
  void walk_isIndependentOfListingOrder(
      @ForAll("patternList") List<String> patterns, @ForAll("treePaths") List<String> files,
      @ForAll long seed) throws Exception {
    Map<String, List<Child<String>>> tree = tree(files);
    ContextFilter filter = ContextFilter.of(patterns, List.of());
    List<String> sorted = new ArrayList<>();
    FilteredWalk.walk(dir -> tree.getOrDefault(dir, List.of()), filter,
        (path, isDir, a) -> sorted.add(path + (isDir ? "/" : "")));
    Random random = new Random(seed);
    List<String> shuffled = new ArrayList<>();
    FilteredWalk.walk(dir -> {
      List<Child<String>> children = new ArrayList<>(tree.getOrDefault(dir, List.of()));
      Collections.shuffle(children, random);
      return children;
    }, filter, (path, isDir, a) -> shuffled.add(path + (isDir ? "/" : "")));
    assertThat(shuffled).isEqualTo(sorted);
    // Send order is strictly increasing, parents before children.
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(GoPaths.compareCodePoints(strip(sorted.get(i - 1)), strip(sorted.get(i))))
          .isNegative();
    }
  }

  @Provide
  Arbitrary<List<String>> treePaths() {
    return literalPath().list().ofMaxSize(8);
  }

  private static String strip(String s) {
    // Compare with '/' lowest, as the walk order implies.
    return (s.endsWith("/") ? s.substring(0, s.length() - 1) : s).replace('/', '\0');
  }

  /** Files at the given paths; every proper prefix becomes a directory. */
  private static Map<String, List<Child<String>>> tree(List<String> files) {
    TreeSet<String> dirs = new TreeSet<>();
    TreeSet<String> leaves = new TreeSet<>();
    for (String f : files) {
      String[] parts = f.split("/");
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < parts.length - 1; i++) {
        prefix.append(i == 0 ? "" : "/").append(parts[i]);
        dirs.add(prefix.toString());
      }
      leaves.add(f);
    }
    leaves.removeAll(dirs); // a path that is some file's parent is a directory
    Map<String, List<Child<String>>> out = new TreeMap<>();
    for (String d : dirs) {
      out.computeIfAbsent(parent(d), k -> new ArrayList<>()).add(new Child<>(name(d), true, d));
    }
    for (String l : leaves) {
      out.computeIfAbsent(parent(l), k -> new ArrayList<>()).add(new Child<>(name(l), false, l));
    }
    return out;
  }

  private static String parent(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }

  private static String name(String p) {
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
