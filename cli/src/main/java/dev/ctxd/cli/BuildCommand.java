package dev.ctxd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.XdgDirs;
import dev.ctxd.sync.scan.ScanListener;
import dev.ctxd.sync.upload.UploadOptions;
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

  @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Name of the Dockerfile (default: DIR/Dockerfile).")
  String dockerfile;

  @Option(names = "--metadata-file", paramLabel = "FILE", description = "Write the build's numbers as JSON to FILE.")
  Path metadataFile;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Daemon address (default: $CTXD_HOST, else the user's embedded daemon).")
  String host;

  @Option(names = "--compress", paramLabel = "auto|always|never", description = "LZ4 on the wire (default: auto = only on TCP to another host).")
  String compress = "auto";

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path dir = ContextInput.requireDirectory(contextDir);
    ContextInput.Dockerfile df = ContextInput.dockerfile(dir, dockerfile);
    ContextFilter filter = df.filter();
    HostAddress address = DaemonLauncher.resolve(host);
    Path stateFile = XdgDirs.fromEnvironment().clientState(dev.ctxd.sync.ContextKeys.of(dir));
    try (ContextSession session = ContextSession.open(address, dir, stateFile, Duration.ofMinutes(5))) {
      UploadOptions upload = new UploadOptions(compress(address), (chunks, bytes) -> {});
      SyncReport sync = session.sync(filter, !stream, upload, ScanListener.NONE);
      BuildReport build = session.build(df.name(), df.content(), !stream);
      long elapsed = System.nanoTime() - started;
      long wire = session.wireBytes();
      System.out.printf("context %s: %d files (%s) | sent %d files, %s content, %s on the wire | reused %d files | %s | %.2fs%n",
          dir, sync.files(), Sizes.human(sync.contextBytes()), sync.filesSent(), Sizes.human(sync.contentBytesSent()),
          Sizes.human(wire), sync.reusedFiles(), build.contextDigest(), elapsed / 1e9);
      System.out.println("materialized context: " + build.materializedPath());
      if (metadataFile != null) writeMetadata(dir, sync, build, wire, elapsed);
    }
    return 0;
  }

  private boolean compress(HostAddress address) {
    return switch (compress) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> address.scheme() == HostAddress.Scheme.TCP && !isLoopback(address.host());
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--compress must be auto, always or never, not " + compress);
    };
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private void writeMetadata(Path dir, SyncReport sync, BuildReport build, long wire, long elapsedNanos) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode context = root.putObject("context");
    context.put("digest", build.contextDigest());
    context.put("files", sync.files());
    context.put("bytes", sync.contextBytes());
    context.put("path", dir.toString());
    context.put("materializedPath", build.materializedPath().toString());
    ObjectNode transfer = root.putObject("transfer");
    transfer.put("mode", stream ? "stream" : "full");
    transfer.put("filesSent", sync.filesSent());
    transfer.put("contentBytes", sync.contentBytesSent());
    transfer.put("wireBytes", wire);
    transfer.put("reusedFiles", sync.reusedFiles());
    transfer.put("hashedFiles", sync.hashedFiles());
    transfer.put("delta", sync.deltaUsed());
    root.put("durationMs", elapsedNanos / 1_000_000);
    Path parent = metadataFile.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    json.writerWithDefaultPrettyPrinter().writeValue(metadataFile.toFile(), root);
  }

}
