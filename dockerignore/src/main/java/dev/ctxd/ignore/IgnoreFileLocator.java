package dev.ctxd.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Dockerfile and the ignore file a BuildKit build (via buildx) would use:
 *
 * <ol>
 *   <li>The Dockerfile is the {@code -f} value or {@code Dockerfile}; when its name is
 *       {@code Dockerfile} and that directory has only a lower-case {@code dockerfile}, buildx
 *       switches to it. Symlinks are not resolved in the returned path.
 *   <li>It must exist and be a regular file, and its name must match itself as a pattern
 *       (BuildKit fetches it through FollowPaths, which are patterns): {@code Dockerfile[x]} fails.
 *   <li>{@code <dockerfile>.dockerignore}, when readable, replaces the root {@code .dockerignore}
 *       entirely, even when empty; otherwise the root {@code .dockerignore} is used, if any.
 * </ol>
 *
 * Reads the filesystem directly (unlike {@link FilteredWalk}). Stateless and thread-safe.
 */
public final class IgnoreFileLocator {
  private static final String ROOT_IGNORE = ".dockerignore";

  private IgnoreFileLocator() {}

  /**
   * The outcome: the Dockerfile path relative to the context, the ignore file used (if any) and
   * its text ({@code ""} when there is none).
   */
  public record Located(String dockerfileRel, Optional<String> ignoreFileRel, String ignoreText) {
    public Located {
      Objects.requireNonNull(dockerfileRel, "dockerfileRel");
      Objects.requireNonNull(ignoreFileRel, "ignoreFileRel");
      Objects.requireNonNull(ignoreText, "ignoreText");
    }

    /** The ignore file's patterns with line numbers, as {@code ignorefile.ReadAll} returns them. */
    public List<IgnoreFile.Line> patterns() {
      return IgnoreFile.parseWithLines(ignoreText);
    }
  }

  /**
   * Resolves the Dockerfile and ignore file for {@code docker build -f dockerfileArg contextDir}.
   *
   * @param dockerfileArg the {@code -f} value relative to the context, or {@code ""} for none
   * @throws DockerfileException when BuildKit could not load the Dockerfile
   */
  public static Located locate(Path contextDir, String dockerfileArg) throws IOException {
    String rel = dockerfileArg.isEmpty() ? "Dockerfile" : dockerfileArg;
    rel = lowerCaseFallback(contextDir, rel);
    String name = base(rel);
    Path dockerfile = contextDir.resolve(rel);
    if (!matchesItself(name) || !Files.exists(dockerfile)) {
      throw new DockerfileException(rel,
          "failed to read dockerfile: open " + name + ": no such file or directory");
    }
    if (!Files.isRegularFile(dockerfile)) {
      throw new DockerfileException(rel, "failed to read dockerfile: " + name
          + " is not a regular file");
    }
    String perDockerfile = rel + ".dockerignore";
    if (matchesItself(name + ".dockerignore")
        && Files.isRegularFile(contextDir.resolve(perDockerfile))) {
      return new Located(rel, Optional.of(perDockerfile), read(contextDir.resolve(perDockerfile)));
    }
    Path root = contextDir.resolve(ROOT_IGNORE);
    if (Files.isRegularFile(root)) {
      return new Located(rel, Optional.of(ROOT_IGNORE), read(root));
    }
    return new Located(rel, Optional.empty(), "");
  }

  /** buildx {@code handleLowercaseDockerfile}. */
  static String lowerCaseFallback(Path contextDir, String rel) {
    if (!base(rel).equals("Dockerfile")) {
      return rel;
    }
    String dir = GoPaths.dir(rel);
    boolean lower = false;
    try (Stream<Path> names = Files.list(contextDir.resolve(dir))) {
      for (Path p : (Iterable<Path>) names::iterator) {
        String n = p.getFileName().toString();
        if (n.equals("Dockerfile")) {
          return rel;
        }
        lower |= n.equals("dockerfile");
      }
    } catch (IOException e) {
      return rel; // buildx keeps the name when the directory cannot be read
    }
    return lower ? (dir.equals(".") ? "dockerfile" : dir + "/dockerfile") : rel;
  }

  private static boolean matchesItself(String name) {
    try {
      return PatternMatcher.compile(List.of(name)).matchesOrParentMatches(name);
    } catch (PatternException e) {
      return false;
    }
  }

  private static String base(String rel) {
    int i = rel.lastIndexOf('/');
    return i < 0 ? rel : rel.substring(i + 1);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
