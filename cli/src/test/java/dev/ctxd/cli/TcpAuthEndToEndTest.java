package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: the real CLI against a real daemon on TCP: the bearer token, and the refusal of the network without TLS. */
class TcpAuthEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    context = Files.createDirectories(temp.resolve("project"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Files.writeString(context.resolve("a.txt"), "hello over tcp\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void loopbackTcp_needsTheToken_whichTheClientReadsFromCtxdTokenFile() throws Exception {
    String host = harness.startTcpDaemon("tcp://127.0.0.1:0");
    CtxHarness.Result denied = harness.ctx("build", "--stream", "--progress=quiet", "--host", host, context.toString());
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.err()).contains("no bearer token: this daemon requires `authorization: Bearer <token>` on TCP");

    Map<String, String> env = new java.util.HashMap<>(harness.environment());
    env.put("CTXD_TOKEN_FILE", harness.root.resolve("auth-token").toString());
    Path metadata = temp.resolve("metadata.json");
    CtxHarness.Result ok = harness.run(env, List.of(), "build", "--stream", "--progress=quiet", "--host", host, "--metadata-file", metadata.toString(), context.toString());
    assertThat(ok.exitCode()).as("%s%s", ok.out(), ok.err()).isZero();
    Path copy = Path.of(ok.json(metadata).at("/context/materializedPath").asText());
    assertThat(TreeSnapshot.of(copy, Set.of())).isEqualTo(TreeSnapshot.of(context, Set.of()));

    env.put("CTXD_TOKEN", "not-the-token");
    env.remove("CTXD_TOKEN_FILE");
    CtxHarness.Result wrong = harness.run(env, List.of(), "build", "--stream", "--progress=quiet", "--host", host, context.toString());
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.err()).contains("wrong bearer token");
  }

  @Test
  void networkAddressWithoutTls_daemonRefusesToStart() throws Exception {
    Files.createDirectories(harness.home);
    CtxHarness.Result r = harness.ctx("daemon", "--root", harness.root.toString(), "--host", "tcp://0.0.0.0:0");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("refusing to listen on tcp://0.0.0.0:0 without TLS: it is reachable from the network");
  }
}
