package dev.ctxd.sync.client;

import java.util.Objects;

/**
 * One build's options. {@code dockerfile}: the Dockerfile relative to the context (or
 * absolute), {@code ""} = the session's; its {@code <name>.dockerignore} applies, as in
 * BuildKit. {@code fresh}: rewrite the materialized copy from scratch.
 */
public record BuildOptions(String dockerfile, boolean fresh) {
  public BuildOptions {
    Objects.requireNonNull(dockerfile, "dockerfile");
  }

  public static BuildOptions defaults() {
    return new BuildOptions("", false);
  }

  public BuildOptions withDockerfile(String name) {
    return new BuildOptions(name, fresh);
  }

  public BuildOptions withFresh(boolean value) {
    return new BuildOptions(dockerfile, value);
  }
}
