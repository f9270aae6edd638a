package dev.ctxd.sync.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Dockerfile: the parser directives ({@code # syntax=}, {@code # escape=}, {@code #
 * check=}), the meta {@code ARG}s before the first {@code FROM}, and the stages. Produced by
 * {@link DockerfileParser#parse(String)}. Immutable.
 */
public record Dockerfile(Optional<String> syntax, char escape, Optional<String> check,
    List<Instruction.Arg> metaArgs, List<Stage> stages) {
  public Dockerfile {
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(check, "check");
    if (escape != '\\' && escape != '`') {
      throw new IllegalArgumentException("escape must be \\ or `: " + escape);
    }
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
  }
}
