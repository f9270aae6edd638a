package dev.ctxd.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules the visible vectors do not cover: buildx's lower-case fallback and per-Dockerfile files. */
class IgnoreFileLocatorTest {
  @TempDir Path ctx;

  @Test
  void lowerCaseDockerfile_pairsWithItsOwnIgnoreFile() throws Exception {
    Files.writeString(ctx.resolve("dockerfile"), "FROM scratch\n");
    Files.writeString(ctx.resolve(".dockerignore"), "root\n");
    Files.writeString(ctx.resolve("dockerfile.dockerignore"), "own\n");
    IgnoreFileLocator.Located loc = IgnoreFileLocator.locate(ctx, "");
    assertThat(loc.dockerfileRel()).isEqualTo("dockerfile");
    assertThat(loc.ignoreFileRel()).contains("dockerfile.dockerignore");
    assertThat(IgnoreFile.parse(loc.ignoreText())).containsExactly("own");
  }

  @Test
  void emptyPerDockerfileIgnore_stillReplacesRoot() throws Exception {
    Files.createDirectory(ctx.resolve("docker"));
    Files.writeString(ctx.resolve("docker/build.Dockerfile"), "FROM scratch\n");
    Files.writeString(ctx.resolve("docker/build.Dockerfile.dockerignore"), "");
    Files.writeString(ctx.resolve(".dockerignore"), "*\n");
    IgnoreFileLocator.Located loc = IgnoreFileLocator.locate(ctx, "docker/build.Dockerfile");
    assertThat(loc.ignoreFileRel()).contains("docker/build.Dockerfile.dockerignore");
    assertThat(loc.patterns()).isEmpty();
  }

  @Test
  void missingDockerfile_fails() {
    assertThatThrownBy(() -> IgnoreFileLocator.locate(ctx, ""))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("failed to read dockerfile: open Dockerfile: no such file or directory");
  }
}
