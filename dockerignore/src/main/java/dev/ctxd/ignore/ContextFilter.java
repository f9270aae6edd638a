package dev.ctxd.ignore;

import java.util.List;

/**
 * The exclude and include patterns of one context transfer, set up as BuildKit's fsutil
 * {@code NewFilterFS} does: exclude patterns are the .dockerignore list, include patterns the
 * FollowPaths-style list (empty = send everything). Also records whether fsutil may prune whole
 * directories ("prefix mode": no wildcard in any exception / include pattern once one trailing
 * {@code /**} and then {@code /*} is stripped). Immutable and thread-safe.
 */
public final class ContextFilter {
  private static final String PATTERN_CHARS = "*[]?^\\";

  private final PatternMatcher exclude;
  private final PatternMatcher include;
  private final boolean onlyPrefixExcludeExceptions;
  private final boolean onlyPrefixIncludes;

  private ContextFilter(PatternMatcher exclude, PatternMatcher include) {
    this.exclude = exclude;
    this.include = include;
    this.onlyPrefixExcludeExceptions = exclude == null || allPrefix(exclude, true);
    this.onlyPrefixIncludes = include == null || allPrefix(include, false);
  }

  /**
   * Builds the filter; an empty list means no such filter.
   *
   * @throws PatternException when Docker would reject a pattern at construction
   */
  public static ContextFilter of(List<String> excludePatterns, List<String> includePatterns)
      throws PatternException {
    return new ContextFilter(
        excludePatterns.isEmpty() ? null : PatternMatcher.compile(excludePatterns),
        includePatterns.isEmpty() ? null : PatternMatcher.compile(includePatterns));
  }

  /**
   * Builds the filter from matchers already compiled (e.g. from an ignore file with line numbers);
   * a null matcher means no such filter.
   */
  public static ContextFilter of(PatternMatcher exclude, PatternMatcher include) {
    return new ContextFilter(exclude, include);
  }

  PatternMatcher exclude() {
    return exclude;
  }

  PatternMatcher include() {
    return include;
  }

  /** fsutil may skip an excluded directory unless an exception could reach inside it. */
  boolean mayPruneExcluded(String dir) {
    if (!onlyPrefixExcludeExceptions) {
      return false;
    }
    return !anyPrefixPatternUnder(exclude, true, dir);
  }

  /** fsutil may skip a non-included directory unless an include pattern lies inside it. */
  boolean mayPruneNotIncluded(String dir) {
    return onlyPrefixIncludes && !anyPrefixPatternUnder(include, false, dir);
  }

  private static boolean anyPrefixPatternUnder(PatternMatcher pm, boolean exclusions, String dir) {
    String dirSlash = dir + "/";
    for (CompiledPattern p : pm.compiled()) {
      if (p.exclusion() == exclusions && (withoutTrailingGlob(p) + "/").startsWith(dirSlash)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allPrefix(PatternMatcher pm, boolean exclusions) {
    for (CompiledPattern p : pm.compiled()) {
      if (p.exclusion() == exclusions && containsAny(withoutTrailingGlob(p))) {
        return false;
      }
    }
    return true;
  }

  private static String withoutTrailingGlob(CompiledPattern p) {
    String s = p.cleaned();
    if (s.endsWith("/**")) {
      s = s.substring(0, s.length() - 3);
    }
    if (s.endsWith("/*")) {
      s = s.substring(0, s.length() - 2);
    }
    return s;
  }

  private static boolean containsAny(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PATTERN_CHARS.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
