package dev.ctxd.cli;

import dev.ctxd.sync.LocalDigest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx context digest}: the context digest a {@code --stream} build of DIR would report,
 * computed here without a daemon. Same Dockerfile, target, build-arg and .dockerignore rules as
 * {@code ctx build};
 * hashes every kept file and writes no client state.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = "Print the context digest of DIR (offline; the digest a --stream build reports).")
final class ContextDigestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
  Path contextDir;

  @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Path to the Dockerfile (relative to the working directory), which selects the ignore file and what its target reads (default: DIR/Dockerfile).")
  String dockerfile;

  @Mixin DockerfileScope scope;

  @Option(names = "--all", description = "Digest the context before the Dockerfile's reduction (what a build would send if it copied everything).")
  boolean all;

  @Override
  public Integer call() throws Exception {
    Path dir = ContextInput.requireDirectory(contextDir);
    ContextInput.Dockerfile df = ContextInput.dockerfile(dir, dockerfile);
    // The same selection ctx build uses, so the digest equals the one a build reports.
    System.out.println(LocalDigest.of(dir, (all ? df.whole() : df.selection(dir, scope)).filter()));
    return 0;
  }
}
