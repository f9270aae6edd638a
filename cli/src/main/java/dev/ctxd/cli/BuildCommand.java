package dev.ctxd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSelection;
import dev.ctxd.sync.DockerfileSkip;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.XdgDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx build}: syncs a context directory to the daemon and has it build. With
 * {@code --stream} only what the daemon lacks is sent; without it, every byte, every time,
 * as a classic {@code docker build} sends its tar.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Send a build context to the daemon and build it.")
final class BuildCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
  Path contextDir;

  @Option(names = "--stream", description = "Send only what changed since the daemon last saw this context.")
  boolean stream;

  @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Path to the Dockerfile, relative to the working directory as with docker build (default: DIR/Dockerfile).")
  String dockerfile;

  @Option(names = "--metadata-file", paramLabel = "FILE", description = "Write the build's numbers as JSON to FILE.")
  Path metadataFile;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Daemon address (default: $CTXD_HOST, else the user's embedded daemon).")
  String host;

  @picocli.CommandLine.Mixin CompressOption compress;

  @Option(names = "--progress", paramLabel = "auto|tty|plain|quiet|rawjson", converter = ProgressMode.Converter.class,
      description = "How to show progress on stderr: auto (tty when stderr is a terminal, else plain), tty, plain, quiet, rawjson (default: auto).")
  ProgressMode progress = ProgressMode.AUTO;

  @Option(names = "--digest-file", paramLabel = "FILE", description = "Write the context digest to FILE.")
  Path digestFile;

  @picocli.CommandLine.Mixin DockerfileScope scope;

  /** What the steps produced, printed once the progress view is closed. */
  private record Outcome(Path dir, SyncReport sync, BuildReport build, long wire, long elapsedNanos,
      ContextSelection selection, DockerfileSkip skipped, java.util.List<String> skippedSpecialFiles) {}

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    ProgressMode mode = progress;
    Path dir = ContextInput.requireDirectory(contextDir);
    HostAddress address = DaemonLauncher.resolve(host);
    Path stateFile = XdgDirs.fromEnvironment().clientState(dev.ctxd.sync.ContextKeys.of(dir));
    Outcome outcome;
    try (BuildProgress view = BuildProgress.create(mode, System.err)) {
      try {
        outcome = run(view, dir, address, stateFile, started);
        view.result(metadata(outcome));
      } catch (Exception e) {
        view.failed(Errors.describe(e));
        throw e;
      }
    }
    // After the view is closed, so a live terminal view does not swallow them.
    for (String skipped : outcome.skippedSpecialFiles()) {
      System.err.println("WARNING: left out " + skipped + ": sockets, FIFOs and devices cannot be part of a build context");
    }
    SyncReport sync = outcome.sync();
    BuildReport build = outcome.build();
    System.out.printf("context %s: %s (%s) | sent %s, %s content, %s on the wire | reused %s | %s | %s%n",
        dir, Sizes.files(sync.files()), Sizes.human(sync.contextBytes()), Sizes.files(sync.filesSent()), Sizes.human(sync.contentBytesSent()),
        Sizes.human(outcome.wire()), Sizes.files(sync.reusedFiles()), build.contextDigest(), Times.seconds(outcome.elapsedNanos()));
    System.out.println("materialized context: " + build.materializedPath());
    System.out.println(DockerfileSummary.line(outcome.selection(), outcome.skipped()));
    if (metadataFile != null) writeMetadata(metadata(outcome));
    if (digestFile != null) {
      try {
        writeFile(digestFile, build.contextDigest() + "\n");
      } catch (IOException e) {
        throw new IOException("cannot write --digest-file " + digestFile + ": " + Errors.describe(e), e);
      }
    }
    return 0;
  }

  /** The build's steps, in BuildKit's words where BuildKit has them. */
  private Outcome run(BuildProgress view, Path dir, HostAddress address, Path stateFile, long started) throws Exception {
    view.step("[internal] load build definition from " + (dockerfile == null ? "Dockerfile" : Path.of(dockerfile).getFileName()));
    ContextInput.Dockerfile df = ContextInput.dockerfile(dir, dockerfile);
    view.log(PlainProgress.status("transferring dockerfile:", df.content().length, 0, 0, true));
    view.step("[internal] load .dockerignore");
    ContextSelection selection = df.selection(dir, scope);
    selection.fallbackReason().ifPresent(why -> view.log("sending the whole context: " + why));
    ContextFilter filter = selection.filter();
    view.step("[internal] load build context");
    view.transferring();
    // Counting what the Dockerfile skips walks the whole context; overlap it with the sync.
    java.util.concurrent.CompletableFuture<DockerfileSkip> unreduced = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return DockerfileSkip.unreducedTotals(dir, selection);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, r -> {
      Thread t = new Thread(r, "ctx-skip-count");
      t.setDaemon(true);
      t.start();
    });
    try (ContextSession session = ContextSession.openBesideWalk(address, dir, stateFile, Duration.ofMinutes(5))) {
      view.counters.walkStarted();
      SyncReport sync = session.sync(filter, !stream, compress.forDaemon(address), view.counters);
      view.log(PlainProgress.status("transferring context:", sync.contentBytesSent(), 0, sync.durationNanos(), true));
      view.step("[internal] materialize context");
      BuildReport build = session.build(df.name(), df.content(), scope.targetOrEmpty(), scope.buildArgMap(), !stream);
      session.awaitStateSaved(); // written while the daemon built
      DockerfileSkip skipped = skipCount(unreduced).minus(sync.files(), sync.contextBytes());
      view.done();
      return new Outcome(dir, sync, build, session.wireBytes(), System.nanoTime() - started, selection, skipped,
          view.counters.skippedSpecialFiles());
    }
  }

  private static DockerfileSkip skipCount(java.util.concurrent.CompletableFuture<DockerfileSkip> future) throws Exception {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The --metadata-file JSON; rawjson's result event carries the same object. */
  private ObjectNode metadata(Outcome o) {
    SyncReport sync = o.sync();
    BuildReport build = o.build();
    long wire = o.wire();
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode context = root.putObject("context");
    context.put("digest", build.contextDigest());
    context.put("files", sync.files());
    context.put("bytes", sync.contextBytes());
    context.put("path", o.dir().toString());
    context.put("materializedPath", build.materializedPath().toString());
    ObjectNode transfer = root.putObject("transfer");
    transfer.put("mode", stream ? "stream" : "full");
    transfer.put("filesSent", sync.filesSent());
    transfer.put("contentBytes", sync.contentBytesSent());
    transfer.put("wireBytes", wire);
    transfer.put("reusedFiles", sync.reusedFiles());
    transfer.put("hashedFiles", sync.hashedFiles());
    transfer.put("delta", sync.deltaUsed());
    root.set("dockerfile", DockerfileSummary.json(json, o.selection(), o.skipped(), scope.target));
    root.put("durationMs", o.elapsedNanos() / 1_000_000);
    return root;
  }

  private void writeMetadata(ObjectNode root) throws IOException {
    try {
      ObjectMapper json = new ObjectMapper();
      Path parent = metadataFile.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      json.writerWithDefaultPrettyPrinter().writeValue(metadataFile.toFile(), root);
    } catch (IOException e) {
      throw new IOException("cannot write --metadata-file " + metadataFile + ": " + Errors.describe(e), e);
    }
  }

  private static void writeFile(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, text);
  }

}
