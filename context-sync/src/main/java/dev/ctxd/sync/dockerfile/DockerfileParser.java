package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Dockerfile text into a typed {@link Dockerfile}, following BuildKit's built-in frontend
 * ({@code parser.Parse} then {@code instructions.Parse}; README section 3). Words stay raw:
 * expansion happens per build in {@link ContextPaths}. Stateless and thread-safe.
 */
public final class DockerfileParser {
  private DockerfileParser() {}

  /**
   * Parses {@code text}.
   *
   * @throws DockerfileSyntaxException naming the 1-based line and the problem, for anything
   *     BuildKit's parser or instruction layer rejects
   */
  public static Dockerfile parse(String text) throws DockerfileSyntaxException {
    LineParser.Result parsed = LineParser.parse(text);
    List<Instruction.Arg> metaArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Node node : parsed.nodes()) {
      Instruction ins = InstructionParser.parse(node);
      if (ins instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(from, stages.size(), body));
        }
        from = f;
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(ins);
      } else if (ins instanceof Instruction.Arg a) {
        metaArgs.add(a);
      } else {
        throw new DockerfileSyntaxException(node.line(), "no build stage in current context");
      }
    }
    if (from != null) {
      stages.add(new Stage(from, stages.size(), body));
    }
    return new Dockerfile(parsed.syntax(), parsed.escape(), parsed.check(), metaArgs, stages);
  }

  /**
   * Parses an ONBUILD expression the way BuildKit does when a child stage triggers it: as a new
   * Dockerfile of one instruction, with the default escape token. Reported at {@code line}.
   */
  static Instruction parseTrigger(String expression, int line) throws DockerfileSyntaxException {
    try {
      List<Node> nodes = LineParser.parse(expression).nodes();
      if (nodes.size() != 1) {
        throw new DockerfileSyntaxException(line, "onbuild trigger should be a single expression");
      }
      Node n = nodes.get(0);
      return InstructionParser.parse(new Node(n.keyword(), n.flags(), n.args(), n.json(),
          n.sub(), n.heredocs(), n.original(), line));
    } catch (DockerfileSyntaxException e) {
      throw new DockerfileSyntaxException(line, e.problem());
    }
  }
}
