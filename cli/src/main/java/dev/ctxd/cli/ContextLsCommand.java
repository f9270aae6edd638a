package dev.ctxd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctxd.sync.ContextSelection;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import dev.ctxd.sync.walk.WalkedEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx context ls}: the entries a build of DIR would send, in send order, offline and
 * without a daemon (issue 7). With {@code -f}, {@code --target} or {@code --build-arg} the list
 * is what that Dockerfile's target can read (issue 9); {@code --all} shows the set before that
 * reduction. Without them, the ignore file's view of the whole context, as {@code docker build}
 * with a Dockerfile that copies {@code .}.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List the entries the build context of DIR holds, one per line in send order: TYPE<TAB>PATH[<TAB>TARGET].")
final class ContextLsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
  Path contextDir;

  @Option(names = {"-f", "--file"}, paramLabel = "PATH",
      description = "Path to the Dockerfile (relative to the working directory): list only what it reads (it also selects the ignore file; default: DIR/Dockerfile, no reduction).")
  String dockerfile;

  @Mixin DockerfileScope scope;

  @Option(names = "--all", description = "List the context before the Dockerfile's reduction (the ignore file still applies).")
  boolean all;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: table (default) or json.")
  String format = "table";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be table or json, not " + format);
    }
    Path dir = ContextInput.requireDirectory(contextDir);
    ContextInput.Dockerfile df = ContextInput.dockerfile(dir, dockerfile);
    boolean reduce = !all && (dockerfile != null || scope.given());
    ContextSelection selection = reduce ? df.selection(dir, scope) : df.whole();
    PrintWriter err = spec.commandLine().getErr();
    selection.fallbackReason().ifPresent(why -> err.println("note: listing the whole context: " + why));
    List<WalkedEntry> entries = TreeWalker.walk(dir, selection.filter(), new WalkListener() {
      @Override
      public void skippedSpecialFile(String relPath) {
        err.println("note: skipped special file " + relPath);
      }
    });
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(json(entries));
    } else {
      for (WalkedEntry w : entries) {
        String link = link(w);
        out.println(type(w) + "\t" + w.path().value() + (link == null ? "" : "\t" + link));
      }
    }
    out.flush();
    return 0;
  }

  private static String json(List<WalkedEntry> entries) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("entries");
    for (WalkedEntry w : entries) {
      ObjectNode e = list.addObject();
      e.put("name", w.path().value());
      e.put("type", type(w));
      String link = link(w);
      if (link != null) e.put("linkname", link);
    }
    return root.toString();
  }

  static String type(WalkedEntry w) {
    if (w.hardlinkTo() != null) return "hardlink";
    return switch (w.stat().kind()) {
      case DIR -> "dir";
      case SYMLINK -> "symlink";
      default -> "file";
    };
  }

  private static String link(WalkedEntry w) {
    if (w.hardlinkTo() != null) return w.hardlinkTo().value();
    return w.stat().kind() == FileStat.Kind.SYMLINK ? w.linkTarget() : null;
  }
}
