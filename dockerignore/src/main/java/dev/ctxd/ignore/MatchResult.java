package dev.ctxd.ignore;

import java.util.Objects;

/**
 * The answer of {@link PatternMatcher#matchesUsingParentResults}: whether the path matched (for an
 * exclude matcher: is excluded) and the info to pass to the path's children. Immutable.
 */
public record MatchResult(boolean matched, MatchInfo info) {
  public MatchResult {
    Objects.requireNonNull(info, "info");
  }
}
