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
 *       result conservatively asks for the whole context;
 *   <li>{@code sendPaths}: what ctxd sends, in the FollowPaths form ({@code null} = the whole
 *       context). It differs from {@code followPaths} on purpose in two ways: a tmpfs mount and a
 *       git "path" read nothing, so they neither disable filtering (dfx-028) nor become patterns
 *       (dfx-024); and a source that depends on a variable an unseen base image may set falls
 *       back to the whole context, where BuildKit (which sees the image) can do better.
 * </ul>
 *
 * <p>Immutable.
 */
public record ContextPathSet(List<String> reachedStages, boolean contextUsed,
    List<String> ctxPaths, List<String> followPaths, Optional<String> fallbackReason,
    List<String> sendPaths) {
  public ContextPathSet {
    reachedStages = List.copyOf(reachedStages);
    ctxPaths = List.copyOf(ctxPaths);
    followPaths = followPaths == null ? null : List.copyOf(followPaths);
    Objects.requireNonNull(fallbackReason, "fallbackReason");
    sendPaths = sendPaths == null ? null : List.copyOf(sendPaths);
  }

  /** A result where ctxd sends exactly what BuildKit asks for. */
  public ContextPathSet(List<String> reachedStages, boolean contextUsed, List<String> ctxPaths,
      List<String> followPaths, Optional<String> fallbackReason) {
    this(reachedStages, contextUsed, ctxPaths, followPaths, fallbackReason, followPaths);
  }

  /** True when the whole context would be sent (no FollowPaths). */
  public boolean wholeContext() {
    return followPaths == null;
  }
}
