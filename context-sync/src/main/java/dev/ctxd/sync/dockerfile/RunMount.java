package dev.ctxd.sync.dockerfile;

import java.util.Map;
import java.util.Objects;

/**
 * One {@code RUN --mount=...} as written. Values are raw: BuildKit expands them only at dispatch
 * (README B7). {@code type} is lower-cased and defaults to {@code bind}; {@code from}, {@code
 * source} and {@code target} are "" when absent (synonyms src, dst and destination folded in);
 * {@code options} holds every other {@code key=value} with its key lower-cased; {@code spec} is
 * the original CSV. Immutable.
 */
public record RunMount(String type, String from, String source, String target,
    Map<String, String> options, String spec) {
  public RunMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    options = Map.copyOf(options);
    Objects.requireNonNull(spec, "spec");
  }
}
