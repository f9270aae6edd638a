package dev.ctxd.ignore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Docker's .dockerignore matcher, equivalent to moby/patternmatcher v0.6.1 {@code PatternMatcher}.
 * Patterns are anchored at the context root, the last applicable pattern wins, {@code !} marks an
 * exception, and a pattern also applies to a path when it matches one of the path's ancestors.
 * Paths are '/'-separated and relative to the context root.
 *
 * <p>Immutable and thread-safe: every pattern is compiled at construction (literal and
 * {@code **}-prefix/suffix patterns become plain string tests). Regexp errors Docker finds lazily
 * are still reported lazily, by the first evaluation of the broken pattern.
 */
public final class PatternMatcher {
  private final List<CompiledPattern> patterns;
  private final boolean exclusions;

  private PatternMatcher(List<CompiledPattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.exclusions = patterns.stream().anyMatch(CompiledPattern::exclusion);
  }

  /** patternmatcher {@code New}: trims, cleans and syntax-checks each pattern. */
  public static PatternMatcher compile(List<String> patterns) throws PatternException {
    List<IgnoreFile.Line> lines = new ArrayList<>();
    for (String p : patterns) {
      lines.add(new IgnoreFile.Line(p, 0));
    }
    return compile(lines, null);
  }

  /**
   * Like {@link #compile(List)} for the lines of an ignore file, so that errors name
   * {@code source} (e.g. {@code .dockerignore}) and the line.
   */
  public static PatternMatcher compile(List<IgnoreFile.Line> lines, String source)
      throws PatternException {
    List<CompiledPattern> out = new ArrayList<>();
    for (IgnoreFile.Line line : lines) {
      String p = GoPaths.trimSpace(line.pattern());
      if (p.isEmpty()) {
        continue;
      }
      p = GoPaths.clean(p);
      boolean exclusion = false;
      if (p.charAt(0) == '!') {
        if (p.length() == 1) {
          throw new PatternException("illegal exclusion pattern:", "!", source, line.number());
        }
        exclusion = true;
        p = p.substring(1);
      }
      if (!GlobSyntax.isValid(p)) {
        throw new PatternException(
            "syntax error in pattern", (exclusion ? "!" : "") + p, source, line.number());
      }
      out.add(new CompiledPattern(p, exclusion, line.number(), source));
    }
    return new PatternMatcher(out);
  }

  /** The patterns as stored: trimmed, cleaned, exceptions prefixed with {@code !}. */
  public List<String> patterns() {
    List<String> out = new ArrayList<>();
    for (CompiledPattern p : patterns) {
      out.add(p.exclusion() ? "!" + p.cleaned() : p.cleaned());
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether any pattern is an exception ({@code !...}). */
  public boolean hasExclusions() {
    return exclusions;
  }

  List<CompiledPattern> compiled() {
    return patterns;
  }

  /** patternmatcher {@code MatchesOrParentMatches}: true when {@code path} is excluded. */
  public boolean matchesOrParentMatches(String path) throws PatternException {
    boolean matched = false;
    String parent = GoPaths.dir(path);
    String[] parentDirs = parent.split("/", -1);
    for (CompiledPattern p : patterns) {
      if (p.exclusion() != matched) {
        continue; // cannot change the outcome
      }
      boolean match = p.match(path);
      if (!match && !parent.equals(".")) {
        match = matchesAncestor(p, parentDirs, parentDirs.length);
      }
      if (match) {
        matched = !p.exclusion();
      }
    }
    return matched;
  }

  /**
   * patternmatcher {@code MatchesUsingParentResults}: decides {@code path} reusing its parent
   * directory's per-pattern results, as a walker does. Pass {@link MatchInfo#NONE} for entries
   * whose parent was not evaluated.
   */
  public MatchResult matchesUsingParentResults(String path, MatchInfo parent)
      throws PatternException {
    if (!parent.isEmpty() && parent.size() != patterns.size()) {
      throw new IllegalArgumentException("wrong number of values in parentMatched");
    }
    boolean matched = false;
    boolean[] info = new boolean[patterns.size()];
    for (int i = 0; i < patterns.size(); i++) {
      CompiledPattern p = patterns.get(i);
      boolean match = !parent.isEmpty() && parent.matched(i);
      if (!match) {
        if (p.exclusion() != matched) {
          continue;
        }
        match = p.match(path);
        if (!match && parent.isEmpty()) {
          String dir = GoPaths.dir(path);
          if (!dir.equals(".")) {
            String[] dirs = dir.split("/", -1);
            match = matchesAncestor(p, dirs, dirs.length);
          }
        }
      }
      info[i] = match;
      if (match) {
        matched = !p.exclusion();
      }
    }
    return new MatchResult(matched, new MatchInfo(info));
  }

  /**
   * The deprecated {@code (*PatternMatcher).Matches}: like {@link #matchesOrParentMatches} but it
   * tests only the ancestor with as many components as the pattern.
   */
  public boolean matches(String path) throws PatternException {
    boolean matched = false;
    String parent = GoPaths.dir(path);
    String[] parentDirs = parent.split("/", -1);
    for (CompiledPattern p : patterns) {
      if (p.exclusion() != matched) {
        continue;
      }
      boolean match = p.match(path);
      if (!match && !parent.equals(".") && p.dirCount() <= parentDirs.length) {
        match = matchIgnoringErrors(p, String.join("/", List.of(parentDirs).subList(0, p.dirCount())));
      }
      if (match) {
        matched = !p.exclusion();
      }
    }
    return matched;
  }

  /**
   * The deprecated package-level {@code patternmatcher.Matches(file, patterns)} that the docker CLI
   * uses to decide whether to force-include the Dockerfile and .dockerignore.
   */
  public static boolean matchesLegacy(String path, List<String> patterns) throws PatternException {
    PatternMatcher pm = compile(patterns);
    String file = GoPaths.clean(path);
    if (file.equals(".")) {
      return false; // Docker refuses to exclude the whole context this way
    }
    return pm.matches(file);
  }

  private static boolean matchesAncestor(CompiledPattern p, String[] dirs, int count) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(dirs[i]);
      if (matchIgnoringErrors(p, prefix.toString())) {
        return true;
      }
    }
    return false;
  }

  // Go discards errors from the ancestor checks; they only happen once the path check already failed.
  private static boolean matchIgnoringErrors(CompiledPattern p, String path) {
    try {
      return p.match(path);
    } catch (PatternException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PatternMatcher" + patterns();
  }
}
