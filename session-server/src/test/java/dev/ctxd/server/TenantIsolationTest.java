package dev.ctxd.server;

import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.chunk;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static dev.ctxd.server.TestSession.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.Digest;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: one tenant can never make another tenant's build see its bytes, even by claiming a
 * digest it did not upload or by uploading different bytes under it. A collision is simulated
 * by a hasher that gives {@link #FORGED} the digest of {@link #GENUINE} (same length).
 */
class TenantIsolationTest {
  static final byte[] GENUINE = Content.utf8("the victim's secret\n");
  static final byte[] FORGED = Content.utf8("the attacker's code\n");
  static final Digest D = Content.digest(GENUINE);
  @TempDir Path temp;
  InProcessDaemon daemon;
  boolean forgedStored; // the real-xxHash check then flags the forged chunk, as it should

  @BeforeEach
  void setUp() throws Exception {
    ChunkHasher colliding = raw -> Arrays.equals(raw, FORGED) ? D : ChunkHasher.XXHASH64.digest(raw);
    daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults(), colliding);
  }

  @AfterEach
  void tearDown() throws Exception {
    assertThat(daemon.store.check().problems()).isEqualTo(forgedStored
        ? java.util.List.of("chunks/" + D.hex() + " holds 20 bytes that hash to " + ChunkHasher.XXHASH64.digest(FORGED)) : java.util.List.of());
    daemon.close();
  }

  /** Syncs one file "f" whose digest is D, sending {@code upload} if asked; returns the session after MissingChunks. */
  TestSession startSync(String tenant, String key) throws Exception {
    TestSession s = daemon.session(tenant).send(hello(key)).send(begin(0));
    assertThat(s.next().hasHelloAck()).isTrue();
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(fileEntry("f", GENUINE))).send(end(1, 0));
    return s;
  }

  static long missingCount(TestSession s) throws Exception {
    long n = 0;
    ServerMessage m;
    do {
      m = s.next();
      n += m.getMissing().getDigestsCount();
    } while (!m.getMissing().getLast());
    return n;
  }

  void victimCommitsAndBuilds() throws Exception {
    TestSession a = startSync("uid:1001", "k");
    assertThat(missingCount(a)).isEqualTo(1);
    a.send(chunk(GENUINE)).send(commit());
    assertThat(a.next().getCommitted().getVersion()).isEqualTo(1);
    a.halfClose();
  }

  String buildAs(String tenant, String key) throws Exception {
    TestSession s = daemon.session(tenant).send(hello(key));
    assertThat(s.next().hasHelloAck()).isTrue();
    s.send(dev.ctxd.proto.v1.ClientMessage.newBuilder().setBuild(dev.ctxd.proto.v1.Build.newBuilder()
        .setDockerfileName("Dockerfile").setDockerfile(com.google.protobuf.ByteString.copyFromUtf8("FROM scratch\n")).setVersion(1)).build());
    ServerMessage built = s.next();
    s.halfClose();
    if (built.hasFailure()) return "failure: " + built.getFailure().getMessage();
    return Files.readString(Path.of(built.getBuildResult().getMaterializedPath()).resolve("f"));
  }

  @Test
  void claimingAnotherTenantsDigest_getsItAskedFor_andCommitWithoutItFails() throws Exception {
    victimCommitsAndBuilds();
    TestSession b = startSync("uid:1002", "k2");
    assertThat(missingCount(b)).isEqualTo(1);
    b.send(commit());
    Status status = b.status();
    assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(status.getDescription()).isEqualTo("Commit before 1 requested chunks arrived, e.g. " + D);
  }

  @Test
  void sameBytesFromAnotherTenant_areUploadedOnceMoreAndShared() throws Exception {
    victimCommitsAndBuilds();
    TestSession b = startSync("uid:1002", "k2");
    assertThat(missingCount(b)).isEqualTo(1);
    b.send(chunk(GENUINE)).send(commit());
    assertThat(b.next().getCommitted().getChunksReceived()).isEqualTo(1);
    TestSession again = startSync("uid:1002", "k3");
    assertThat(missingCount(again)).isZero(); // now B owns it
  }

  @Test
  void collidingBytesUnderTheVictimsDigest_areRefused_andTheVictimStillBuildsItsBytes() throws Exception {
    victimCommitsAndBuilds();
    TestSession b = startSync("uid:1002", "k2");
    assertThat(missingCount(b)).isEqualTo(1);
    b.send(chunk(D.value(), FORGED.length, FORGED, false));
    Status status = b.status();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("chunk " + D + " collides: the daemon holds different bytes with the same xxHash64"
        + " digest, uploaded by another client; it never lets two contents share a digest, so this context cannot be stored as it is");
    assertThat(daemon.store.getChunk(D)).isEqualTo(GENUINE);
    assertThat(buildAs("uid:1001", "k")).isEqualTo("the victim's secret\n");
  }

  @Test
  void collidingBytesPlantedFirst_neverReachTheVictim() throws Exception {
    forgedStored = true;
    TestSession b = startSync("uid:1002", "bait");
    assertThat(missingCount(b)).isEqualTo(1);
    b.send(chunk(D.value(), FORGED.length, FORGED, false)).send(commit());
    assertThat(b.next().hasCommitted()).isTrue();
    TestSession a = startSync("uid:1001", "k");
    assertThat(missingCount(a)).as("the victim is asked for its own bytes").isEqualTo(1);
    a.send(chunk(GENUINE));
    assertThat(a.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT); // refused, never built with FORGED
    assertThat(buildAs("uid:1001", "k")).isEqualTo("failure: version 1 of context uid:1001\0k is not in the daemon's cache");
  }

  @Test
  void contextsAreNamespacedPerTenant() throws Exception {
    victimCommitsAndBuilds();
    TestSession b = daemon.session("uid:1002").send(hello("k")).send(begin(1));
    assertThat(b.next().getHelloAck().getLatestVersion()).isZero();
    assertThat(b.next().getSyncReady().getBaseAccepted()).isFalse();
    b.halfClose();
    assertThat(buildAs("uid:1002", "k")).startsWith("failure: version 1 of context uid:1002\0k is not in the daemon's cache");
    assertThat(buildAs("uid:1001", "k")).isEqualTo("the victim's secret\n");
  }
}
