import dev.ctxd.sync.client.BuildOptions;
import dev.ctxd.sync.client.BuildSummary;
import dev.ctxd.sync.client.ClientOptions;
import dev.ctxd.sync.client.CtxClient;
import dev.ctxd.sync.client.Session;
import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What an IDE plugin does with the ctxd client library, as a runnable program: open a
 * watching session when a project opens, show progress and sync status, build on request
 * (here: each Enter on stdin), close when the project closes (here: end of input).
 *
 * <p>Run (see docs/ide.md): {@code java -cp cli/target/ctx.jar docs/ide/ExamplePlugin.java DIR}
 */
public final class ExamplePlugin {
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.io.netty.bootstrap", "error");
    Path project = Path.of(args.length > 0 ? args[0] : ".");
    // Listener callbacks come from the session's threads: hand them to the "UI thread".
    ExecutorService ui = Executors.newSingleThreadExecutor();
    try (CtxClient ctx = CtxClient.connect(ClientOptions.fromEnvironment());
         Session session = ctx.open(project, SessionOptions.defaults().withWatch(true))) {
      session.subscribe(event -> ui.execute(() -> show(event)));
      System.out.println("watching " + session.contextDir() + "; Enter builds, Ctrl-D quits");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
      while (in.readLine() != null) {
        BuildSummary b = session.build(BuildOptions.defaults());
        ui.execute(() -> System.out.printf(Locale.ROOT, "[build] %s in %.0fms, %d files sent first; builder reads %s%n",
            b.contextDigest(), b.durationNanos() / 1e6, b.sync().filesSent(), b.materializedPath()));
      }
    } finally {
      ui.shutdown();
    }
  }

  private static void show(SessionEvent event) {
    if (event instanceof SessionEvent.Synced s) {
      var r = s.summary();
      System.out.printf(Locale.ROOT, "[status] synced v%d (%s): %d of %d files sent, %d bytes, %.0fms%n",
          r.version(), r.trigger().name().toLowerCase(Locale.ROOT), r.filesSent(), r.files(), r.contentBytesSent(), r.durationNanos() / 1e6);
    } else if (event instanceof SessionEvent.Hashing h && h.totalBytes() > 50_000_000) {
      System.out.printf(Locale.ROOT, "[progress] hashing %d of %d MB%n", h.bytes() >> 20, h.totalBytes() >> 20);
    } else if (event instanceof SessionEvent.StateChanged c) {
      System.out.println("[state] " + c.from() + " -> " + c.to());
    } else if (event instanceof SessionEvent.Disconnected || event instanceof SessionEvent.Reconnected
        || event instanceof SessionEvent.SyncFailed || event instanceof SessionEvent.WatchDegraded) {
      System.out.println("[status] " + event);
    }
  }
}
