package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import dev.ctxd.server.CtxDaemon;
import dev.ctxd.server.Limits;
import dev.ctxd.sync.client.BuildOptions;
import dev.ctxd.sync.client.BuildSummary;
import dev.ctxd.sync.client.ClientOptions;
import dev.ctxd.sync.client.CtxClient;
import dev.ctxd.sync.client.Session;
import dev.ctxd.sync.client.SessionClosedException;
import dev.ctxd.sync.client.SessionEvent;
import dev.ctxd.sync.client.SessionOptions;
import dev.ctxd.sync.client.SessionState;
import dev.ctxd.sync.upload.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: the client library's lifecycle and thread-safety, against a daemon on a real unix
 * socket in this JVM: concurrent calls are serialized, close is idempotent and final, an
 * unreachable daemon fails calls fast while the session reconnects in the background.
 */
class SessionLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path temp;
  private Path context;
  private Path socket;
  private CtxDaemon daemon;
  private CtxClient client;

  @BeforeEach
  void setUp() throws Exception {
    context = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(context.resolve("a.txt"), "a\n");
    socket = temp.resolve("run/d.sock");
    daemon = startDaemon(Limits.defaults());
    client = CtxClient.connect(ClientOptions.forHost("unix://" + socket)
        .withStateDir(temp.resolve("state"))
        .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200)));
  }

  private CtxDaemon startDaemon(Limits limits) throws Exception {
    return CtxDaemon.start(temp.resolve("root"), HostAddress.unix(socket), limits);
  }

  @AfterEach
  void tearDown() {
    client.close();
    if (daemon != null) daemon.close();
  }

  @Test
  void concurrentBuilds_runOneAtATime_allSucceed() throws Exception {
    try (Session session = client.open(context, SessionOptions.defaults())) {
      List<SessionEvent.StateChanged> transitions = new CopyOnWriteArrayList<>();
      session.subscribe(e -> {
        if (e instanceof SessionEvent.StateChanged s) transitions.add(s);
      });
      int threads = 8;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<BuildSummary>> builds = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          builds.add(pool.submit(() -> {
            go.await();
            return session.build(BuildOptions.defaults());
          }));
        }
        go.countDown();
        String digest = null;
        for (Future<BuildSummary> f : builds) {
          BuildSummary b = f.get(60, TimeUnit.SECONDS);
          if (digest == null) digest = b.contextDigest();
          assertThat(b.contextDigest()).isEqualTo(digest);
          assertThat(b.materializedPath().resolve("a.txt")).hasContent("a");
        }
      } finally {
        pool.shutdownNow();
      }
      // Serialized: every build is READY -> BUILDING -> READY, never BUILDING twice at once.
      assertThat(transitions).hasSize(2 * threads);
      for (int i = 0; i < transitions.size(); i += 2) {
        assertThat(transitions.get(i)).isEqualTo(new SessionEvent.StateChanged(SessionState.READY, SessionState.BUILDING));
        assertThat(transitions.get(i + 1)).isEqualTo(new SessionEvent.StateChanged(SessionState.BUILDING, SessionState.READY));
      }
    }
  }

  @Test
  void secondSyncWithoutChanges_sendsNothing_thenAnEditIsSent() throws Exception {
    try (Session session = client.open(context, SessionOptions.defaults())) {
      assertThat(session.sync().filesSent()).isEqualTo(2);
      assertThat(session.sync().changed()).isFalse();
      Files.writeString(context.resolve("a.txt"), "edited\n");
      var edited = session.sync();
      assertThat(edited.changed()).isTrue();
      assertThat(edited.filesSent()).isEqualTo(1);
      assertThat(edited.contentBytesSent()).isEqualTo(7);
    }
  }

  @Test
  void close_isIdempotent_andLaterCallsFailClearly() throws Exception {
    Session session = client.open(context, SessionOptions.defaults().withWatch(true));
    session.sync();
    session.close();
    session.close();
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThatThrownBy(session::sync).isInstanceOf(SessionClosedException.class)
        .hasMessage("the session for " + context.toRealPath() + " is closed");
    assertThatThrownBy(() -> session.build(BuildOptions.defaults())).isInstanceOf(SessionClosedException.class);
    client.close();
    client.close();
    assertThatThrownBy(() -> client.open(context, SessionOptions.defaults())).isInstanceOf(SessionClosedException.class)
        .hasMessage("the client is closed");
  }

  @Test
  void clientClose_closesItsSessions() throws Exception {
    Session session = client.open(context, SessionOptions.defaults());
    client.close();
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
  }

  @Test
  void daemonGone_callsFailFastWithUnavailable_sessionReconnectsOnceItIsBack() throws Exception {
    try (Session session = client.open(context, SessionOptions.defaults())) {
      SessionEvents events = new SessionEvents();
      session.subscribe(events);
      session.sync();
      daemon.close();
      daemon = null;
      events.await(SessionEvent.Disconnected.class, e -> true, WAIT);
      assertThatThrownBy(session::sync).isInstanceOf(SyncException.class)
          .satisfies(e -> assertThat(((SyncException) e).code()).isEqualTo("UNAVAILABLE"))
          .hasMessageContaining("unix://" + socket + " is unreachable")
          .hasMessageContaining("keeps reconnecting in the background");
      assertThat(session.state()).isEqualTo(SessionState.RECONNECTING);
      events.await(SessionEvent.Reconnecting.class, e -> e.attempt() >= 2, WAIT);

      daemon = startDaemon(Limits.defaults());
      events.await(SessionEvent.Reconnected.class, e -> e.attempts() >= 1, WAIT);
      var after = session.sync();
      assertThat(after.filesSent()).isZero();
      assertThat(session.state()).isEqualTo(SessionState.READY);
    }
  }

  @Test
  void daemonEndsAnIdleSession_clientReconnectsByItself() throws Exception {
    daemon.close();
    daemon = startDaemon(Limits.defaults().withIdleTimeout(Duration.ofMillis(300)));
    CtxClient noKeepalive = CtxClient.connect(ClientOptions.forHost("unix://" + socket)
        .withStateDir(temp.resolve("state")).withKeepalive(Duration.ofHours(1)).withReconnect(Duration.ofMillis(20), Duration.ofMillis(200)));
    try (Session session = noKeepalive.open(context, SessionOptions.defaults())) {
      SessionEvents events = new SessionEvents();
      session.subscribe(events);
      session.sync();
      events.await(SessionEvent.Disconnected.class, e -> true, WAIT);
      events.await(SessionEvent.Reconnected.class, e -> true, WAIT);
      assertThat(session.sync().filesSent()).isZero();
    } finally {
      noKeepalive.close();
    }
  }

  @Test
  void keepalive_holdsASessionOpenPastTheDaemonsIdleTimeout() throws Exception {
    daemon.close();
    daemon = startDaemon(Limits.defaults().withIdleTimeout(Duration.ofMillis(400)));
    CtxClient pinging = CtxClient.connect(ClientOptions.forHost("unix://" + socket)
        .withStateDir(temp.resolve("state")).withKeepalive(Duration.ofMillis(50)));
    try (Session session = pinging.open(context, SessionOptions.defaults())) {
      SessionEvents events = new SessionEvents();
      session.subscribe(events);
      session.sync();
      // A timed wait for the event that must not come, spanning several idle timeouts.
      assertThat(events.noneWithin(SessionEvent.Disconnected.class, Duration.ofMillis(1500))).isTrue();
      assertThat(session.sync().changed()).isFalse();
    } finally {
      pinging.close();
    }
  }

  @Test
  void open_daemonGoneSinceConnect_failsNamingTheAddress_clientStaysUsable() throws Exception {
    daemon.close();
    daemon = null;
    assertThatThrownBy(() -> client.open(context, SessionOptions.defaults().withWatch(true)))
        .hasMessageContaining("cannot connect to the ctxd daemon at unix://" + socket);
    daemon = startDaemon(Limits.defaults());
    try (Session session = client.open(context, SessionOptions.defaults())) {
      assertThat(session.sync().filesSent()).isEqualTo(2);
    }
    assertThatThrownBy(() -> client.open(context.resolve("a.txt"), SessionOptions.defaults()))
        .hasMessageStartingWith("unable to prepare context: context must be a directory");
  }

  @Test
  void connect_noDaemon_namesTheAddress() {
    assertThatThrownBy(() -> CtxClient.connect(ClientOptions.forHost("unix://" + temp.resolve("none.sock"))))
        .hasMessageStartingWith("cannot connect to the ctxd daemon at unix://" + temp.resolve("none.sock"));
  }
}
