package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a long context transfer (many files and tens of MB, through the real CLI and
 * daemon) reports progress at least once a second. The check counts rawjson progress events
 * against the transfer step's own length, so it holds on a fast or a loaded machine alike
 * and asserts no speed. On tmpfs: the tree is recreated on every run.
 */
class LongTransferProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FILES = 8_000;
  private static final int BIG_BYTES = 48 << 20;

  private Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    Path shm = Path.of("/dev/shm");
    temp = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), "ctxd-long-");
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    context = temp.resolve("tree");
    Random random = new Random(42);
    byte[] small = new byte[1024];
    for (int i = 0; i < FILES; i++) {
      Path file = context.resolve("d" + (i % 100)).resolve("f" + i + ".txt");
      Files.createDirectories(file.getParent());
      random.nextBytes(small);
      Files.write(file, small);
    }
    byte[] big = new byte[BIG_BYTES];
    random.nextBytes(big);
    Files.write(context.resolve("big.bin"), big);
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    try (Stream<Path> all = Files.walk(temp)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  @Test
  void rawjson_longTransfer_reportsProgressEverySecond() throws Exception {
    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=rawjson", "--host", harness.host(), context.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.err().split("\n")) events.add(JSON.readTree(line));
    long transferStarted = -1;
    long transferDone = -1;
    List<JsonNode> progress = new ArrayList<>();
    for (JsonNode e : events) {
      boolean transferStep = e.path("name").asText().equals("[internal] load build context");
      if (transferStep && e.get("status").asText().equals("started")) transferStarted = e.get("elapsedMs").asLong();
      if (transferStep && e.get("status").asText().equals("done")) transferDone = e.get("elapsedMs").asLong();
      if (e.get("type").asText().equals("progress")) progress.add(e);
    }
    long transferMs = transferDone - transferStarted;
    System.out.printf("LongTransferProgressTest: transfer %d ms, %d progress events%n", transferMs, progress.size());
    assertThat(transferStarted).isNotNegative();
    // The ticker fires every second from the start and catches up after a stall, so a
    // transfer of T ms holds at least floor(T / 1000) - 1 progress events.
    assertThat(progress.size()).as("progress events in a %d ms transfer", transferMs).isGreaterThanOrEqualTo((int) (transferMs / 1000) - 1);
    long entries = 0;
    long hashed = 0;
    long uploaded = 0;
    for (JsonNode p : progress) {
      long at = p.get("elapsedMs").asLong();
      assertThat(at).isBetween(transferStarted, transferDone);
      assertThat(p.get("entries").asLong()).isGreaterThanOrEqualTo(entries).isLessThanOrEqualTo(FILES + 102);
      assertThat(p.get("hashedBytes").asLong()).isGreaterThanOrEqualTo(hashed);
      assertThat(p.get("uploadedBytes").asLong()).isGreaterThanOrEqualTo(uploaded).isLessThanOrEqualTo(p.get("requestedBytes").asLong());
      entries = p.get("entries").asLong();
      hashed = p.get("hashedBytes").asLong();
      uploaded = p.get("uploadedBytes").asLong();
    }
    JsonNode result = events.get(events.size() - 1);
    assertThat(result.get("type").asText()).isEqualTo("result");
    assertThat(result.at("/transfer/contentBytes").asLong()).isEqualTo((long) FILES * 1024 + BIG_BYTES + 22);
    // On a machine fast enough to move this tree in under 2s, the count above proves nothing:
    // report the test as not run rather than passed.
    org.junit.jupiter.api.Assumptions.assumeTrue(transferMs >= 2000, "transfer took only " + transferMs + " ms");
  }
}
