package dev.ctxd.sync.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What BuildKit would ask of the main build context for one build (README C1-C3).
 *
 * <ul>
 *   <li>{@code reachedStages}: the dispatched stages in file order ({@code stage-N} if unnamed);
 *   <li>{@code contextUsed}: whether the context is transferred at all (C2);
 *   <li>{@code ctxPaths}: the raw recorded set, each with a leading {@code /}, byte-wise sorted;
 *   <li>{@code followPaths}: the FollowPaths attribute: {@code null} means none, i.e. the whole
 *       context; else the paths without the leading {@code /}, sorted byte-wise, not de-duplicated
 *       and not escaped (they are patterns, C3);
 *   <li>{@code fallbackReason}: set when the Dockerfile could not be analysed exactly and the
 *       result conservatively asks for the whole context.
 * </ul>
 *
 * <p>Immutable.
 */
public record ContextPathSet(List<String> reachedStages, boolean contextUsed,
    List<String> ctxPaths, List<String> followPaths, Optional<String> fallbackReason) {
  public ContextPathSet {
    reachedStages = List.copyOf(reachedStages);
    ctxPaths = List.copyOf(ctxPaths);
    followPaths = followPaths == null ? null : List.copyOf(followPaths);
    Objects.requireNonNull(fallbackReason, "fallbackReason");
  }

  /** True when the whole context would be sent (no FollowPaths). */
  public boolean wholeContext() {
    return followPaths == null;
  }
}
