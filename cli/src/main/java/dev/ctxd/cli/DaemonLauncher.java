package dev.ctxd.cli;

import dev.ctxd.core.HostAddress;
import dev.ctxd.sync.XdgDirs;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the daemon a command should talk to: {@code --host}, else {@code CTXD_HOST}, else
 * the user's embedded daemon, which is started in the background (in its own session, so a
 * Ctrl-C in the terminal does not take it down) when nobody listens on its socket.
 */
final class DaemonLauncher {
  private static final long START_TIMEOUT_MS = 30_000;
  /**
   * Most of a daemon's allocation is chunk buffers that die within a message: a small young
   * generation and a small initial heap keep its occupancy near its live data (kernel tree:
   * peak 123 MB before a collection, 362 MB with the JVM's defaults), while the ceiling stays
   * the JVM's for contexts of millions of entries. The `ctx` launcher gives `ctx daemon` the same.
   */
  static final List<String> DAEMON_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn64m", "-XX:InitialRAMPercentage=0.5");

  private DaemonLauncher() {}

  static HostAddress resolve(String hostOption) throws IOException {
    if (hostOption != null) return HostAddress.parse(hostOption);
    String env = System.getenv("CTXD_HOST");
    if (env != null && !env.isBlank()) return HostAddress.parse(env);
    XdgDirs dirs = XdgDirs.fromEnvironment();
    HostAddress address = HostAddress.unix(dirs.daemonSocket());
    if (!listening(address.socket())) startOnce(dirs, address);
    return address;
  }

  /**
   * Builds started at once all find no daemon: one of them starts it while the others wait on
   * a lock beside the state, then find it listening (without the lock the losers' daemons
   * failed on the store's lock, and so did their builds).
   */
  private static void startOnce(XdgDirs dirs, HostAddress address) throws IOException {
    Files.createDirectories(dirs.daemonRoot());
    try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(dirs.daemonRoot().resolve("start.lock"),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
         java.nio.channels.FileLock ignored = lockFile.lock()) {
      if (!listening(address.socket())) start(dirs, address);
    }
  }

  static boolean listening(Path socket) {
    if (!Files.exists(socket)) return false;
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The class path for a background daemon. A single jar is copied under the daemon's root
   * first: rebuilding the project rewrites cli/target/ctx.jar in place, which would pull the
   * classes out from under a daemon still running from it.
   */
  private static String stableClassPath(Path root) throws IOException {
    String classPath = System.getProperty("java.class.path");
    Path jar = Path.of(classPath);
    if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)) return classPath;
    long stamp = Files.getLastModifiedTime(jar).toMillis() ^ (Files.size(jar) * 31);
    Path lib = root.resolve("lib");
    Path copy = lib.resolve("ctx-" + Long.toHexString(stamp) + ".jar");
    if (!Files.exists(copy)) {
      Files.createDirectories(lib);
      Path temp = Files.createTempFile(lib, "ctx-", ".jar.tmp");
      Files.copy(jar, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return copy.toString();
  }

  private static void start(XdgDirs dirs, HostAddress address) throws IOException {
    Path root = dirs.daemonRoot();
    Files.createDirectories(root);
    Path log = root.resolve("daemon.log");
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) command.add("/usr/bin/setsid");
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(stableClassPath(root));
    command.addAll(DAEMON_JVM_OPTIONS);
    command.add(Main.class.getName());
    command.add("daemon");
    command.add("--root");
    command.add(root.toString());
    command.add("--host");
    command.add(address.toString());
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (listening(address.socket())) {
        System.err.println("started ctxd daemon on " + address + " (state in " + root + ", log in " + log + ")");
        return;
      }
      if (!process.isAlive() && !listening(address.socket())) {
        throw new IOException("the ctxd daemon failed to start (exit " + process.exitValue() + "); see " + log);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting the daemon");
      }
    }
    throw new IOException("the ctxd daemon did not start listening on " + address + " within " + START_TIMEOUT_MS / 1000 + "s; see " + log);
  }
}
