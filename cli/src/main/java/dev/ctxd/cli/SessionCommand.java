package dev.ctxd.cli;

import dev.ctxd.core.HostAddress;
import dev.ctxd.sync.client.ClientOptions;
import dev.ctxd.sync.client.CtxClient;
import dev.ctxd.sync.client.Session;
import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionOptions;
import dev.ctxd.sync.client.SyncSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx session [--watch] DIR}: the IDE session from a terminal. Syncs the context now;
 * with {@code --watch} keeps the session open, pushes every change as it settles, one line per
 * sync, until Ctrl-C, so a later {@code ctx build --stream DIR} finds nothing left to send.
 */
@Command(name = "session", mixinStandardHelpOptions = true,
    description = "Sync a build context to the daemon now and, with --watch, on every change until Ctrl-C.")
final class SessionCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
  Path contextDir;

  @Option(names = {"-w", "--watch"}, description = "Keep the session open and sync every change.")
  boolean watch;

  @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Path to the Dockerfile (relative to the working directory), which selects the ignore file (default: DIR/Dockerfile).")
  String dockerfile;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Daemon address (default: $CTXD_HOST, else the user's embedded daemon).")
  String host;

  @picocli.CommandLine.Mixin CompressOption compress;

  @Option(names = "--debounce", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Sync once changes have been quiet this long (default: 75ms; at the latest 2s after a burst began).")
  Duration debounce = SessionOptions.DEFAULT_QUIET_PERIOD;

  @Override
  public Integer call() throws Exception {
    Path dir = ContextInput.requireDirectory(contextDir);
    HostAddress address = DaemonLauncher.resolve(host);
    Duration max = debounce.compareTo(SessionOptions.DEFAULT_MAX_DELAY) > 0 ? debounce : SessionOptions.DEFAULT_MAX_DELAY;
    SessionOptions options = SessionOptions.defaults().withDockerfile(ContextInput.dockerfileArg(dir, dockerfile)).withWatch(watch).withDebounce(debounce, max)
        .withCompression(compress.forDaemon(address));
    PrintStream out = System.out;
    CtxClient client = CtxClient.connect(ClientOptions.forHost(address.toString()));
    Session session;
    try {
      session = client.open(dir, options);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    SyncLines lines = new SyncLines(out, System.err);
    session.subscribe(lines);
    if (!watch) {
      try (client) {
        SyncSummary s = session.sync();
        if (!s.changed()) lines.print(s); // a changed one was printed from its Synced event
      }
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      session.close(); // saves the client state; the daemon keeps the synced version
      client.close();
      System.err.println("stopped watching " + dir);
      stopped.countDown();
    }, "ctx-session-stop"));
    System.err.println("watching " + dir + " (daemon " + address + "); press Ctrl-C to stop");
    stopped.await();
    return 0;
  }

  /** One line per sync, and a line for each connection change, in the build output's words. */
  static final class SyncLines implements dev.ctxd.sync.client.SessionListener {
    private final PrintStream out;
    private final PrintStream err;
    private long syncs;

    SyncLines(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public void onEvent(SessionEvent event) {
      if (event instanceof SessionEvent.Synced s) {
        print(s.summary());
      } else if (event instanceof SessionEvent.SyncFailed f) {
        err.println("=> sync failed (" + f.trigger().name().toLowerCase() + "): " + f.message());
      } else if (event instanceof SessionEvent.Disconnected d) {
        err.println("=> disconnected: " + d.reason() + "; reconnecting");
      } else if (event instanceof SessionEvent.Reconnecting r) {
        if (r.attempt() == 1 || r.attempt() % 10 == 0) err.println("=> reconnecting (attempt " + r.attempt() + "): " + r.reason());
      } else if (event instanceof SessionEvent.Reconnected) {
        err.println("=> reconnected to the daemon");
      } else if (event instanceof SessionEvent.WatchDegraded w) {
        err.println("WARNING: " + w.reason());
      }
    }

    synchronized void print(SyncSummary s) {
      syncs++;
      if (!s.changed()) {
        out.printf("=> sync %d (%s) up to date | %s (%s) | %s%n", syncs, trigger(s), Sizes.files(s.files()), Sizes.human(s.contextBytes()), s.contextDigest());
        return;
      }
      out.printf("=> sync %d (%s) sent %s, %s | %s on the wire | %s (%s) | %s | %s%n", syncs, trigger(s),
          Sizes.files(s.filesSent()), Sizes.human(s.contentBytesSent()), Sizes.human(s.wireBytes()),
          Sizes.files(s.files()), Sizes.human(s.contextBytes()), s.contextDigest(), Times.seconds(s.durationNanos()));
      out.flush();
    }

    private static String trigger(SyncSummary s) {
      return s.trigger().name().toLowerCase();
    }
  }
}
