package dev.ctxd.sync.dockerfile;

/**
 * The Dockerfile does not parse, or an instruction is malformed. The message reads {@code
 * Dockerfile line N: problem}; {@link #line()} is N (1-based), or 0 when no line applies.
 */
public class DockerfileSyntaxException extends DockerfileException {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final String problem;

  public DockerfileSyntaxException(int line, String problem) {
    super(line > 0 ? "Dockerfile line " + line + ": " + problem : "Dockerfile: " + problem);
    this.line = line;
    this.problem = problem;
  }

  /** The problem without the line prefix. */
  public String problem() {
    return problem;
  }

  /** The 1-based line of the problem, 0 if none. */
  public int line() {
    return line;
  }
}
