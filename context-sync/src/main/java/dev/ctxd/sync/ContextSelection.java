package dev.ctxd.sync;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.ignore.PatternMatcher;
import dev.ctxd.sync.dockerfile.ContextPathSet;
import dev.ctxd.sync.dockerfile.ContextPaths;
import dev.ctxd.sync.dockerfile.DirectoryLinkReader;
import dev.ctxd.sync.dockerfile.DockerfileException;
import dev.ctxd.sync.dockerfile.DockerfileParser;
import dev.ctxd.sync.dockerfile.FollowLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which entries of a context directory one build sends: the ignore file's excludes, and, when
 * the Dockerfile lets us know, only the paths its target can read (issue 9). {@code includes}
 * are the resolved include patterns ({@code null} = the whole context, {@code []} = nothing,
 * as when no reached instruction reads the context); {@code unreduced} is the filter without
 * the Dockerfile's reduction, for {@code ctx context ls --all} and the "skipped" numbers.
 *
 * <p>Immutable and thread-safe.
 */
public record ContextSelection(ContextFilter filter, ContextFilter unreduced, List<String> includes,
    Optional<ContextPathSet> paths, Optional<String> fallbackReason) {
  public ContextSelection {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(unreduced, "unreduced");
    includes = includes == null ? null : List.copyOf(includes);
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(fallbackReason, "fallbackReason");
  }

  /** The whole context minus what {@code excludes} leaves out; null excludes = none. */
  public static ContextSelection whole(PatternMatcher excludes) {
    ContextFilter f = ContextFilter.of(excludes, null);
    return new ContextSelection(f, f, null, Optional.empty(), Optional.empty());
  }

  /**
   * What a build of {@code target} with {@code buildArgs} reads from {@code contextDir}: the
   * Dockerfile's context paths (symlinks on them resolved as BuildKit's client does), with
   * {@code excludes} applied on top.
   *
   * @throws DockerfileException when the Dockerfile cannot be built (syntax, unknown target)
   */
  public static ContextSelection forDockerfile(Path contextDir, PatternMatcher excludes,
      String dockerfile, String target, Map<String, String> buildArgs)
      throws IOException, PatternException {
    ContextPathSet set = ContextPaths.compute(DockerfileParser.parse(dockerfile), target, buildArgs);
    return forPaths(contextDir, excludes, set);
  }

  /** What a build with the context paths {@code set} reads, {@code excludes} applied on top. */
  public static ContextSelection forPaths(Path contextDir, PatternMatcher excludes, ContextPathSet set)
      throws IOException, PatternException {
    ContextFilter unreduced = ContextFilter.of(excludes, null);
    if (!set.contextUsed()) {
      // No reached instruction reads the context (C2): send nothing, as BuildKit does.
      return new ContextSelection(ContextFilter.of(excludes, PatternMatcher.compile(List.of())),
          unreduced, List.of(), Optional.of(set), Optional.empty());
    }
    List<String> includes;
    try {
      includes = FollowLinks.resolve(set.sendPaths(), new DirectoryLinkReader(contextDir));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (includes == null) {
      String why = set.fallbackReason().orElse(set.sendPaths() == null
          ? "the Dockerfile copies the whole context" : "a symlink on a copied path leads to the context root");
      return new ContextSelection(unreduced, unreduced, null, Optional.of(set), Optional.of(why));
    }
    return new ContextSelection(ContextFilter.of(excludes, PatternMatcher.compile(includes)),
        unreduced, includes, Optional.of(set), Optional.empty());
  }

  /** Whether the Dockerfile narrowed the context (false: everything the excludes keep). */
  public boolean reduced() {
    return includes != null;
  }
}
