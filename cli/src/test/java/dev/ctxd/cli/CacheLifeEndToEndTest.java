package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ctxd.core.HostAddress;
import dev.ctxd.sync.ContextSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: ctx system df and ctx prune through the real CLI and a real daemon process. */
class CacheLifeEndToEndTest {
  private static final int BIG = 3_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private CtxHarness harness;
  private Path a;
  private Path b;
  private Path c;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    byte[] big = CacheTrees.random(BIG, 1);
    a = CacheTrees.write(temp.resolve("a"), big, 40, "shared");
    b = CacheTrees.write(temp.resolve("b"), big, 40, "shared"); // shares most of a
    Files.writeString(b.resolve("src/only-b.txt"), "b's own file\n");
    c = CacheTrees.write(temp.resolve("c"), CacheTrees.random(1_000_000, 2), 10, "other");
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private JsonNode build(Path dir) throws Exception {
    Path metadata = temp.resolve("metadata.json");
    Files.deleteIfExists(metadata);
    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(), "--metadata-file", metadata.toString(), dir.toString());
    assertThat(r.exitCode()).as("build %s: %s\n%s\n%s", dir, r.out(), r.err(), harness.log()).isZero();
    return r.json(metadata);
  }

  private JsonNode df() throws Exception {
    CtxHarness.Result r = harness.ctx("system", "df", "-v", "--format", "json", "--host", harness.host());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private CtxHarness.Result prune(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("prune", "--host", harness.host()));
    all.addAll(List.of(args));
    CtxHarness.Result r = harness.ctx(all.toArray(String[]::new));
    assertThat(r.exitCode()).as("%s\n%s", r.out(), r.err()).isZero();
    return r;
  }

  /** {@code du -sb} of the daemon's state directory. */
  private long du() throws Exception {
    Process p = new ProcessBuilder("du", "-sb", harness.root.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  private static long summary(JsonNode df, String type, String field) {
    for (JsonNode s : df.get("summaries")) if (s.get("type").asText().equals(type)) return s.get(field).asLong();
    throw new AssertionError("no summary " + type + " in " + df);
  }

  private static long total(JsonNode df, String field) {
    long sum = 0;
    for (JsonNode s : df.get("summaries")) sum += s.get(field).asLong();
    return sum;
  }

  private static List<String> contextsIn(JsonNode df, String type) {
    List<String> keys = new ArrayList<>();
    for (JsonNode r : df.get("records")) if (r.get("type").asText().equals(type)) keys.add(r.get("context").asText());
    return keys;
  }

  /** USAGE counts builds, as Docker's does: a build that commits a new version counted 3, an unchanged one 2. */
  @Test
  void usageCount_isOnePerBuild() throws Exception {
    build(a);
    build(a); // unchanged
    Files.writeString(a.resolve("src/only-a.txt"), "edited\n");
    build(a); // a new version
    build(b);
    java.util.Map<String, Long> uses = new java.util.HashMap<>();
    for (JsonNode r : df().get("records")) if (r.get("type").asText().equals("context")) uses.put(r.get("context").asText(), r.get("usageCount").asLong());
    assertThat(uses).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(a.toRealPath().toString(), 3L, b.toRealPath().toString(), 1L));
  }

  @Test
  void df_matchesDu_countsSharedContentOnce_andPruneAllFreesWhatItCallsReclaimable() throws Exception {
    build(a);
    build(b);
    build(c);
    JsonNode df = df();
    long du = du();
    long size = df.get("diskBytes").asLong();
    assertThat(total(df, "size")).isEqualTo(size);
    assertThat((double) size).as("df %d vs du -sb %d", size, du).isCloseTo(du, org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(summary(df, "context", "total")).isEqualTo(3);
    assertThat(summary(df, "materialized", "total")).isEqualTo(3);

    // big.bin is in a and b (and in both copies), but once in the store: one shared record.
    String keyA = a.toRealPath().toString();
    String keyB = b.toRealPath().toString();
    List<JsonNode> sharedAB = new ArrayList<>();
    for (JsonNode r : df.get("records")) {
      if (r.get("type").asText().equals("content") && r.get("shared").asBoolean() && r.get("context").asText().equals(keyA + ", " + keyB)) sharedAB.add(r);
    }
    assertThat(sharedAB).hasSize(1);
    assertThat(sharedAB.get(0).get("size").asLong()).isBetween(BIG * 95L / 100, BIG * 105L / 100);
    long contentOfAll = CacheTrees.bytesOf(a) + CacheTrees.bytesOf(b) + CacheTrees.bytesOf(c);
    assertThat(summary(df, "content", "size")).as("the shared big.bin counted once").isLessThan(contentOfAll - BIG * 9L / 10);

    long reclaimable = total(df, "reclaimable");
    assertThat(reclaimable).isGreaterThan(2L * BIG);
    CtxHarness.Result pruned = prune("--all", "--force");
    assertThat(pruned.out()).startsWith("Deleted cache records:\n").containsPattern("\nTotal reclaimed space: [0-9.]+[kMG]?B\n$");
    assertThat(pruned.out()).contains(keyA).contains(keyB).contains(c.toRealPath().toString());
    long after = du();
    System.out.printf("df %d bytes, du -sb %d (%.2f%% apart); reclaimable %d; du after prune --all %d (freed %.2f%% of reclaimable)%n",
        size, du, 100.0 * Math.abs(size - du) / du, reclaimable, after, 100.0 * (du - after) / reclaimable);
    assertThat(du - after).as("du %d -> %d, df called %d reclaimable", du, after, reclaimable).isGreaterThanOrEqualTo(reclaimable * 9 / 10);
    JsonNode empty = df();
    assertThat(summary(empty, "context", "total")).isZero();
    assertThat(summary(empty, "content", "total")).isZero();
    assertThat(total(empty, "reclaimable")).isZero();
  }

  @Test
  void prune_withoutForce_asksAndOnlyYesProceeds() throws Exception {
    build(c);
    CtxHarness.Result no = harness.ctx("prune", "-a", "--host", harness.host()); // stdin is empty: no answer
    assertThat(no.out()).isEqualTo(PruneCommand.ALL_WARNING + "\n" + PruneCommand.QUESTION + "Total reclaimed space: 0B\n");
    assertThat(summary(df(), "context", "total")).isEqualTo(1);
    for (String answer : new String[] {"n\n", "yes\n", "\n"}) {
      assertThat(prompted(answer).out()).endsWith("Total reclaimed space: 0B\n");
    }
    assertThat(summary(df(), "context", "total")).isEqualTo(1);
    CtxHarness.Result yes = prompted("Y\n");
    assertThat(yes.out()).startsWith(PruneCommand.ALL_WARNING + "\n" + PruneCommand.QUESTION + "Deleted cache records:\n");
    assertThat(summary(df(), "context", "total")).isZero();
  }

  private CtxHarness.Result prompted(String answer) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(CtxHarness.java("prune", "-a", "--host", harness.host()));
    pb.environment().putAll(harness.environment());
    Process p = pb.redirectErrorStream(true).start();
    p.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CtxHarness.Result(p.exitValue(), out, "");
  }

  @Test
  void untilFilter_keepsWhatWasUsedSince() throws Exception {
    build(a);
    Instant between = Instant.now();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!Instant.now().isAfter(between.plusMillis(2))) assertThat(System.nanoTime()).isLessThan(deadline); // the clock moves on
    build(c);
    String until = between.getEpochSecond() + "." + String.format("%09d", between.getNano());
    CtxHarness.Result r = prune("--all", "--force", "--filter", "until=" + until);
    assertThat(r.out()).contains(a.toRealPath().toString()).doesNotContain(c.toRealPath().toString());
    JsonNode df = df();
    assertThat(contextsIn(df, "context")).containsExactly(c.toRealPath().toString());
    assertThat(contextsIn(df, "materialized")).containsExactly(c.toRealPath().toString());
    assertThat(build(c).at("/transfer/filesSent").asLong()).isZero();
  }

  @Test
  void keepStorage_leavesAtMostThatMuch_removingLeastRecentlyUsedFirst() throws Exception {
    build(a);
    build(b);
    build(c);
    long before = du() - summary(df(), "daemon", "size");
    long keep = before / 2;
    prune("--all", "--force", "--keep-storage", Long.toString(keep));
    assertThat(du() - summary(df(), "daemon", "size")).as("the cache: the state directory but the daemon's own files").isLessThanOrEqualTo(keep);
    assertThat(contextsIn(df(), "context")).as("the newest context stays").containsExactly(c.toRealPath().toString());
  }

  @Test
  void keepStorage_countsTheCacheNotTheDaemonsOwnFiles() throws Exception {
    build(a);
    build(c);
    // What the launcher leaves beside the store: its jar copy is ~117 MB, more than the cache here.
    Path jar = Files.createDirectories(harness.root.resolve("lib")).resolve("ctx-0123456789a.jar");
    Files.write(jar, new byte[32 << 20]);
    JsonNode df = df();
    long daemonFiles = summary(df, "daemon", "size");
    assertThat(daemonFiles).isGreaterThanOrEqualTo(32 << 20);
    long cache = df.get("diskBytes").asLong() - daemonFiles;
    CtxHarness.Result r = prune("--all", "--force", "--keep-storage", Long.toString(cache + (1 << 20)));
    assertThat(r.out()).isEqualTo("Total reclaimed space: 0B\n");
    assertThat(contextsIn(df(), "context")).containsExactlyInAnyOrder(a.toRealPath().toString(), c.toRealPath().toString());
    assertThat(jar).hasSize(32 << 20);
  }

  @Test
  void contextHeldByOpenSession_survivesPruneAll_andItsNextBuildSendsNothing() throws Exception {
    build(a);
    build(c);
    try (ContextSession held = ContextSession.open(HostAddress.parse(harness.host()), a, temp.resolve("held-state"), Duration.ofMinutes(1))) {
      CtxHarness.Result r = prune("--all", "--force");
      assertThat(r.out()).contains(c.toRealPath().toString()).doesNotContain(a.toRealPath().toString());
      JsonNode df = df();
      assertThat(contextsIn(df, "context")).containsExactly(a.toRealPath().toString());
      for (JsonNode rec : df.get("records")) {
        if (rec.get("context").asText().equals(a.toRealPath().toString())) assertThat(rec.get("inUse").asBoolean()).isTrue();
      }
      assertThat(summary(df, "context", "reclaimable")).isZero();
    }
    JsonNode next = build(a);
    assertThat(next.at("/transfer/filesSent").asLong()).isZero();
    assertThat(next.at("/transfer/contentBytes").asLong()).isZero();
    // All of c but its Dockerfile, whose bytes a (held) also has.
    assertThat(build(c).at("/transfer/filesSent").asLong()).as("c was really removed").isEqualTo(11);
  }
}
