package dev.ctxd.ignore;

import java.io.IOException;
import java.util.Objects;

/**
 * The Dockerfile named for a build cannot be loaded the way BuildKit loads it (missing, not a
 * regular file, or a name that does not match itself as a pattern). The build fails before the
 * context is sent. Immutable.
 */
public final class DockerfileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String dockerfile;

  public DockerfileException(String dockerfile, String message) {
    super(message);
    this.dockerfile = Objects.requireNonNull(dockerfile, "dockerfile");
  }

  /** The context-relative Dockerfile path that failed. */
  public String dockerfile() {
    return dockerfile;
  }
}
