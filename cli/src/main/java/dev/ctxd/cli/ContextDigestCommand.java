package dev.ctxd.cli;

import dev.ctxd.sync.LocalDigest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx context digest}: the context digest a {@code --stream} build of DIR would report,
 * computed here without a daemon. Same Dockerfile and .dockerignore rules as {@code ctx build};
 * hashes every kept file and writes no client state.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = "Print the context digest of DIR (offline; the digest a --stream build reports).")
final class ContextDigestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
  Path contextDir;

  @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Name of the Dockerfile, which selects the ignore file (default: DIR/Dockerfile).")
  String dockerfile;

  @Override
  public Integer call() throws Exception {
    Path dir = ContextInput.requireDirectory(contextDir);
    ContextInput.Dockerfile df = ContextInput.dockerfile(dir, dockerfile);
    System.out.println(LocalDigest.of(dir, df.filter()));
    return 0;
  }
}
