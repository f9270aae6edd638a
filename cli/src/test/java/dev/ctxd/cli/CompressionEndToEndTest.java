package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctxd.core.Chunking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, through the real daemon and CLI on its unix socket: {@code --compress=auto} sends an
 * edit-loop sync LZ4-compressed (its wire bytes stay within LZ4 of the edited file plus 4 KiB),
 * a bulk upload raw past its first 8 MiB, and {@code never} nothing compressed.
 */
class CompressionEndToEndTest {
  private static final int SMALL_SYNC_BYTES = 8 << 20;
  @TempDir Path temp;
  private CtxHarness harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** Source-like text: compressible, but not one repeated line (LZ4 would make that nothing). */
  private static String sourceText(int bytes, int seed) {
    StringBuilder s = new StringBuilder(bytes + 100);
    java.util.Random random = new java.util.Random(seed);
    for (int line = 0; s.length() < bytes; line++) {
      s.append("static int f").append(seed).append('_').append(line).append("(struct task *t) { return t->prio + ")
          .append(random.nextInt(1000)).append("; }\n");
    }
    return s.substring(0, bytes);
  }

  private static int lz4Size(byte[] bytes) {
    return LZ4Factory.fastestInstance().fastCompressor().compress(bytes).length;
  }

  private static Path project(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /src\n");
    return dir;
  }

  @Test
  void oneFileEdit_onTheLocalSocket_travelsWithinLz4OfTheFilePlus4KiB() throws Exception {
    Path context = project(temp.resolve("edit"));
    for (int i = 0; i < 20; i++) Files.writeString(context.resolve("f" + i + ".c"), sourceText(20_000, i));
    Path edited = context.resolve("core.c");
    Files.writeString(edited, sourceText(290_000, 99));
    harness.streamBuildExact(context, temp.resolve("first.json"));

    Files.writeString(edited, "/* one more line */\n", StandardOpenOption.APPEND);
    CtxHarness.Result r = harness.streamBuild(context, temp.resolve("edit.json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(": 22 files (").contains("| sent 1 file, ").contains("| reused 21 files |");
    JsonNode meta = r.json(temp.resolve("edit.json"));
    byte[] now = Files.readAllBytes(edited);
    assertThat(meta.at("/transfer/filesSent").asLong()).isEqualTo(1);
    assertThat(meta.at("/transfer/contentBytes").asLong()).isEqualTo(now.length);
    assertThat(meta.at("/transfer/wireBytes").asLong()).isLessThanOrEqualTo(lz4Size(now) + 4096L);
  }

  @Test
  void bulkUpload_isCompressedForItsFirst8MiBOnly() throws Exception {
    Path context = project(temp.resolve("bulk"));
    int files = 12; // one 1 MiB chunk each: 8 compressed, then 4 raw
    long lz4Total = 0;
    for (int i = 0; i < files; i++) {
      String text = sourceText(Chunking.CHUNK_SIZE, 1000 + i);
      Files.writeString(context.resolve(String.format("part%02d.c", i)), text);
      lz4Total += lz4Size(text.getBytes(StandardCharsets.UTF_8));
    }
    JsonNode meta = harness.streamBuildExact(context, temp.resolve("bulk.json"));
    long wire = meta.at("/transfer/wireBytes").asLong();
    long rawPast8MiB = meta.at("/transfer/contentBytes").asLong() - SMALL_SYNC_BYTES;
    assertThat(rawPast8MiB).isGreaterThan(3L * Chunking.CHUNK_SIZE);
    assertThat(wire).as("what follows the first 8 MiB goes raw").isGreaterThan(rawPast8MiB);
    assertThat(wire).as("the first 8 MiB go compressed").isLessThan(rawPast8MiB + lz4Total + 64 * 1024);
  }

  @Test
  void never_sendsEveryByteRaw() throws Exception {
    Path context = project(temp.resolve("never"));
    Files.writeString(context.resolve("a.c"), sourceText(300_000, 7));
    Path metadata = temp.resolve("never.json");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--compress=never", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode meta = r.json(metadata);
    assertThat(meta.at("/transfer/wireBytes").asLong()).isGreaterThan(meta.at("/transfer/contentBytes").asLong());
  }

  @Test
  void anUnknownChoice_isAUsageError_beforeAnythingIsWalked() throws Exception {
    Path context = project(temp.resolve("bad"));
    CtxHarness.Result r = harness.ctx("build", "--stream", "--compress=fast", "--host", harness.host(), context.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Invalid value for option '--compress': must be auto, always or never, not 'fast'\nUsage: ctx build ");
    CtxHarness.Result session = harness.ctx("session", "--compress=lz4", "--host", harness.host(), context.toString());
    assertThat(session.exitCode()).isEqualTo(2);
    assertThat(session.err()).startsWith("Invalid value for option '--compress': must be auto, always or never, not 'lz4'\nUsage: ctx session ");
  }
}
