package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code -f} as docker build reads it: relative to the working directory, not to the context. */
class ContextInputTest {
  private static final Path CWD = Path.of("").toAbsolutePath();

  @Test
  void relativeDockerfile_insideTheContext_isPassedOnContextRelative() {
    assertThat(ContextInput.dockerfileArg(CWD.resolve("project"), "project/docker/app.Dockerfile")).isEqualTo("docker/app.Dockerfile");
    assertThat(ContextInput.dockerfileArg(CWD.resolve("project"), "./project/Dockerfile")).isEqualTo("Dockerfile");
  }

  @Test
  void relativeDockerfile_outsideTheContext_becomesAbsolute() {
    assertThat(ContextInput.dockerfileArg(CWD.resolve("project"), "other/Dockerfile")).isEqualTo(CWD.resolve("other/Dockerfile").toString());
  }

  @Test
  void absoluteOrMissing_isLeftAsGiven() {
    assertThat(ContextInput.dockerfileArg(CWD, "/srv/Dockerfile")).isEqualTo("/srv/Dockerfile");
    assertThat(ContextInput.dockerfileArg(CWD, null)).isEmpty();
    assertThat(ContextInput.dockerfileArg(CWD, "")).isEmpty();
  }
}
