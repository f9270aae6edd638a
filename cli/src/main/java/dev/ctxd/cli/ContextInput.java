package dev.ctxd.cli;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.IgnoreFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads what a build needs besides the context itself, with Docker's rules and messages:
 * the context directory, the Dockerfile (relative to the context unless absolute), and the
 * ignore file (a {@code <Dockerfile>.dockerignore} beside the Dockerfile replaces the
 * context's {@code .dockerignore}, as BuildKit does).
 */
final class ContextInput {
  private ContextInput() {}

  record Dockerfile(String name, Path path, byte[] content) {}

  static Path requireDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
      throw new IOException("unable to prepare context: path \"" + dir + "\" not found");
    }
    if (!Files.isDirectory(dir)) throw new IOException("unable to prepare context: context must be a directory: " + dir.toAbsolutePath());
    return dir.toRealPath();
  }

  static Dockerfile dockerfile(Path contextDir, String given) throws IOException {
    String name = given == null ? "Dockerfile" : given;
    Path path = Path.of(name).isAbsolute() ? Path.of(name) : contextDir.resolve(name);
    if (given == null && !Files.exists(path) && Files.exists(contextDir.resolve("dockerfile"))) {
      name = "dockerfile"; // buildx's rule for a directory with only a lower-case dockerfile
      path = contextDir.resolve(name);
    }
    try {
      if (Files.isDirectory(path)) throw new IOException("failed to read dockerfile: " + name + " is a directory, not a file");
      return new Dockerfile(path.getFileName().toString(), path, Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new IOException("failed to read dockerfile: open " + name + ": no such file or directory");
    }
  }

  static ContextFilter filter(Path contextDir, Dockerfile dockerfile) throws IOException {
    Path specific = dockerfile.path().resolveSibling(dockerfile.path().getFileName() + ".dockerignore");
    Path root = contextDir.resolve(".dockerignore");
    Path chosen = Files.isRegularFile(specific) ? specific : Files.isRegularFile(root) ? root : null;
    List<String> excludes = chosen == null ? List.of() : IgnoreFile.parse(Files.readString(chosen, StandardCharsets.UTF_8));
    return ContextFilter.of(excludes, List.of());
  }
}
