package dev.ctxd.cli;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.sync.ContextSelection;
import java.nio.charset.StandardCharsets;
import dev.ctxd.ignore.IgnoreFileLocator;
import dev.ctxd.ignore.PatternMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads what a build needs besides the context itself, with Docker's rules and messages:
 * the context directory, the Dockerfile (relative to the working directory unless absolute; buildx's
 * lower-case fallback), and the ignore file ({@code <Dockerfile>.dockerignore} beside the
 * Dockerfile replaces the context's {@code .dockerignore}, as BuildKit does).
 */
final class ContextInput {
  private ContextInput() {}

  /** The Dockerfile travels to the daemon by its own channel, with the ignore rules it selects. */
  record Dockerfile(String name, Path path, byte[] content, ContextFilter filter, PatternMatcher excludes) {
    /** Only what {@code scope}'s target can read (issue 9), the ignore file on top. */
    ContextSelection selection(Path contextDir, DockerfileScope scope) throws IOException, PatternException {
      return ContextSelection.forDockerfile(contextDir, excludes, new String(content, StandardCharsets.UTF_8),
          scope.target, scope.buildArgMap());
    }

    /** Everything the ignore file keeps. */
    ContextSelection whole() {
      return ContextSelection.whole(excludes);
    }
  }

  static Path requireDirectory(Path dir) throws IOException {
    if (!Files.exists(dir) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("unable to prepare context: path \"" + dir + "\" not found");
    }
    if (!Files.isDirectory(dir)) throw new IOException("unable to prepare context: context must be a directory: " + dir.toAbsolutePath());
    return dir.toRealPath();
  }

  static Dockerfile dockerfile(Path contextDir, String given) throws IOException {
    IgnoreFileLocator.Located located = IgnoreFileLocator.locate(contextDir, dockerfileArg(contextDir, given));
    Path path = contextDir.resolve(located.dockerfileRel());
    PatternMatcher excludes = PatternMatcher.compile(located.patterns(), located.ignoreFileRel().orElse(".dockerignore"));
    return new Dockerfile(path.getFileName().toString(), path, Files.readAllBytes(path), ContextFilter.of(excludes, null), excludes);
  }

  /**
   * {@code -f} as docker build reads it: a relative path is relative to the working
   * directory, not to the context. Inside the context it is passed on context-relative, as
   * BuildKit sees it; elsewhere absolute.
   */
  static String dockerfileArg(Path contextDir, String given) {
    if (given == null || given.isEmpty() || Path.of(given).isAbsolute()) return given == null ? "" : given;
    Path absolute = Path.of(given).toAbsolutePath().normalize();
    return absolute.startsWith(contextDir) ? contextDir.relativize(absolute).toString() : absolute.toString();
  }
}
