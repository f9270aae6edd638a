package dev.ctxd.ignore;

import java.util.Arrays;

/**
 * The per-pattern results of a directory, handed to its children so that a pattern which matched
 * an ancestor keeps applying (patternmatcher's {@code MatchInfo}). {@link #NONE} means "no parent
 * information": the matcher then checks ancestors itself. Immutable and opaque.
 */
public final class MatchInfo {
  /** No parent results; use for entries directly below the context root. */
  public static final MatchInfo NONE = new MatchInfo(new boolean[0]);

  private final boolean[] parentMatched;

  MatchInfo(boolean[] parentMatched) {
    this.parentMatched = parentMatched;
  }

  boolean isEmpty() {
    return parentMatched.length == 0;
  }

  int size() {
    return parentMatched.length;
  }

  boolean matched(int i) {
    return parentMatched[i];
  }

  @Override
  public String toString() {
    return "MatchInfo" + Arrays.toString(parentMatched);
  }
}
