package dev.ctxd.sync.client;

import java.util.Map;
import java.util.Objects;

/**
 * One build's options. {@code dockerfile}: the Dockerfile relative to the context (or
 * absolute), {@code ""} = the session's; its {@code <name>.dockerignore} applies, as in
 * BuildKit. {@code target} ({@code ""} = the last stage) and {@code buildArgs} reach the
 * daemon with the build, as {@code ctx build --target --build-arg} send them. {@code fresh}:
 * rewrite the materialized copy from scratch.
 */
public record BuildOptions(String dockerfile, String target, Map<String, String> buildArgs, boolean fresh) {
  public BuildOptions {
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(target, "target");
    buildArgs = Map.copyOf(buildArgs);
  }

  public static BuildOptions defaults() {
    return new BuildOptions("", "", Map.of(), false);
  }

  public BuildOptions withDockerfile(String name) {
    return new BuildOptions(name, target, buildArgs, fresh);
  }

  public BuildOptions withTarget(String stage) {
    return new BuildOptions(dockerfile, stage, buildArgs, fresh);
  }

  public BuildOptions withBuildArgs(Map<String, String> args) {
    return new BuildOptions(dockerfile, target, args, fresh);
  }

  public BuildOptions withFresh(boolean value) {
    return new BuildOptions(dockerfile, target, buildArgs, value);
  }
}
