package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.ProgressListener;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.upload.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContextSession#openBesideWalk}, which {@code ctx build} uses: the connect runs while
 * the first walk does, against a real daemon process. A session so opened syncs, deltas and
 * builds as one opened the old way; an unreachable daemon fails the sync before any file is
 * hashed, with the message {@code open} gives.
 */
class ConnectBesideWalkEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;

  @BeforeEach
  void setUp() {
    harness = new CtxHarness(temp.resolve("home"));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void syncsDeltasAndBuildsLikeASessionOpenedFirst() throws Exception {
    harness.startDaemon();
    Path dir = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(dir.resolve("a.txt"), "alpha\n");
    Path stateFile = temp.resolve("state");
    HostAddress address = HostAddress.parse(harness.host());

    try (ContextSession session = ContextSession.openBesideWalk(address, dir, stateFile, Duration.ofMinutes(1))) {
      SyncReport first = session.sync(nothingIgnored(), false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
      assertThat(first.filesSent()).isEqualTo(2);
      assertThat(first.deltaUsed()).isFalse();
      BuildReport built = session.build("Dockerfile", Files.readAllBytes(dir.resolve("Dockerfile")), false);
      assertThat(built.materializedPath().resolve("a.txt")).hasContent("alpha");
    }
    Files.writeString(dir.resolve("a.txt"), "alpha, edited\n");
    try (ContextSession session = ContextSession.openBesideWalk(address, dir, stateFile, Duration.ofMinutes(1))) {
      SyncReport second = session.sync(nothingIgnored(), false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
      assertThat(second.filesSent()).isEqualTo(1);
      assertThat(second.deltaUsed()).isTrue();
      BuildReport built = session.build("Dockerfile", Files.readAllBytes(dir.resolve("Dockerfile")), false);
      assertThat(Files.readString(built.materializedPath().resolve("a.txt"))).isEqualTo("alpha, edited\n");
      assertThat(session.wireBytes()).isPositive();
    }
    // The same tree through a session opened the old way: same digest, nothing sent.
    try (ContextSession session = ContextSession.open(address, dir, stateFile, Duration.ofMinutes(1))) {
      SyncReport third = session.sync(nothingIgnored(), false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
      assertThat(third.filesSent()).isZero();
    }
  }

  @Test
  void anUnreachableDaemonFailsTheSyncBeforeAnythingIsHashed() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(dir.resolve("a.txt"), "alpha\n");
    Path socket = temp.resolve("nobody.sock");
    Path stateFile = temp.resolve("state");
    AtomicLong hashed = new AtomicLong();
    ProgressListener counting = new ProgressListener() {
      @Override
      public void hashed(long files, long bytes) {
        hashed.addAndGet(files);
      }
    };
    try (ContextSession session = ContextSession.openBesideWalk(HostAddress.parse("unix://" + socket), dir, stateFile, Duration.ofMinutes(1))) {
      assertThatThrownBy(() -> session.sync(nothingIgnored(), false, dev.ctxd.sync.upload.Compression.NEVER, counting))
          .isInstanceOf(SyncException.class)
          .hasMessage("cannot connect to the ctxd daemon at unix://" + socket + ": no socket at " + socket
              + " (is the daemon running? start one with: ctx daemon --host unix://" + socket + ")");
      assertThat(session.wireBytes()).isZero();
    }
    assertThat(hashed).hasValue(0);
    assertThat(stateFile).doesNotExist();
  }

  private static ContextFilter nothingIgnored() throws Exception {
    return ContextFilter.of(List.of(), List.of());
  }
}
