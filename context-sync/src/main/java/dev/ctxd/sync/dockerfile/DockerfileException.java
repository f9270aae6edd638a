package dev.ctxd.sync.dockerfile;

import java.io.IOException;

/**
 * The Dockerfile cannot be converted into a build: an unknown target, an expansion error, a copy
 * from a later stage, and similar conversion errors (README B10). BuildKit would fail the build
 * before transferring anything, so a caller should report it and send nothing.
 */
public class DockerfileException extends IOException {
  private static final long serialVersionUID = 1L;

  public DockerfileException(String message) {
    super(message);
  }
}
