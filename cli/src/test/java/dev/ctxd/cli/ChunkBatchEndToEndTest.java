package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctxd.core.Chunking;
import dev.ctxd.core.Entry;
import dev.ctxd.core.HostAddress;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.proto.v1.BuildResult;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.hash.FileContent;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import dev.ctxd.sync.upload.SessionClient;
import dev.ctxd.sync.upload.UploadOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, through the real daemon and the real CLI: a first sync of many small files travels
 * as protocol 2's ChunkBatch messages (about 1 MiB or 1024 chunks each, never one message per
 * chunk) and materializes a byte-exact copy; a protocol-1 client still syncs and builds
 * against the same daemon, one Chunk message per chunk.
 */
class ChunkBatchEndToEndTest {
  private static final int SMALL_FILES = 3000;
  private static final String CHUNK_MESSAGES = "ctxd_sync_chunk_messages_total{kind=\"chunk\"}";
  private static final String BATCH_MESSAGES = "ctxd_sync_chunk_messages_total{kind=\"batch\"}";
  private static final String CHUNKS = "ctxd_sync_chunks_received_total";
  @TempDir Path temp;
  private CtxHarness harness;
  private DaemonMetrics metrics;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    metrics = DaemonMetrics.startDaemon(harness);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private Map<String, Double> scrape() throws Exception {
    return metrics.scrape();
  }

  @Test
  void firstSyncOfManySmallFiles_travelsInBatches_andTheCopyIsExact() throws Exception {
    Path context = Files.createDirectories(temp.resolve("project"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Random random = new Random(8);
    for (int i = 0; i < SMALL_FILES; i++) {
      Path file = context.resolve("d" + (i % 37)).resolve("f" + i + ".c");
      Files.createDirectories(file.getParent());
      byte[] content = new byte[1 + random.nextInt(4000)];
      random.nextBytes(content);
      Files.write(file, content);
    }
    byte[] big = new byte[2 * Chunking.CHUNK_SIZE + 77];
    random.nextBytes(big);
    Files.write(context.resolve("big.bin"), big);
    long chunks = SMALL_FILES + 1 + 3; // every file distinct: the small ones, the Dockerfile, big.bin's three

    JsonNode meta = harness.streamBuildExact(context, temp.resolve("meta.json"));
    assertThat(meta.at("/transfer/filesSent").asLong()).isEqualTo(SMALL_FILES + 2);
    Map<String, Double> m = scrape();
    assertThat(m.get(CHUNKS)).isEqualTo((double) chunks);
    assertThat(m.get(CHUNK_MESSAGES)).as("no chunk travels alone with protocol 2").isZero();
    // 1024 chunks per batch at most, cut early by ~1 MiB of data and by each MissingChunks message's end.
    assertThat(m.get(BATCH_MESSAGES)).isBetween(Math.ceil(chunks / 1024.0), 12.0);
  }

  /** LZ4 shrinks these to a few KB each: a batch is still cut by raw bytes, within the daemon's 3 MiB of raw bytes per batch. */
  @Test
  void compressedBatches_stayWithinTheDaemonsRawLimit() throws Exception {
    Path context = Files.createDirectories(temp.resolve("compressible"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    for (int i = 0; i < 8; i++) Files.writeString(context.resolve("f" + i + ".txt"), ("line of file " + i + "\n").repeat(Chunking.CHUNK_SIZE / 8).substring(0, Chunking.CHUNK_SIZE));
    Path metadata = temp.resolve("meta.json");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--compress=always", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString());
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s", r.out(), r.err()).isZero();
    assertThat(r.json(metadata).at("/transfer/filesSent").asLong()).isEqualTo(9);
    Map<String, Double> m = scrape();
    assertThat(m.get(CHUNKS)).isEqualTo(9.0);
    assertThat(m.get(BATCH_MESSAGES)).isGreaterThanOrEqualTo(8.0); // 1 MiB raw each: one chunk per batch
  }

  @Test
  void protocol1Client_stillSyncsAndBuilds_oneMessagePerChunk() throws Exception {
    Path root = Files.createDirectories(temp.resolve("old"));
    Map<String, byte[]> files = new java.util.TreeMap<>();
    files.put("a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    files.put("b.txt", "bravo\n".getBytes(StandardCharsets.UTF_8));
    byte[] two = new byte[Chunking.CHUNK_SIZE + 5];
    new Random(3).nextBytes(two);
    files.put("two.bin", two);
    List<Entry> entries = new ArrayList<>();
    ContentHasher hasher = new ContentHasher();
    for (var f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.write(p, f.getValue());
      FileContent c = hasher.hash(p, f.getValue().length);
      List<dev.ctxd.core.Digest> chunks = c.chunks().size() > 1 ? c.chunks() : List.of();
      entries.add(Entry.file(RelPath.of(f.getKey()), 0644, f.getValue().length, 1_600_000_000_000_000_000L, 0, 0, c.digest(), chunks));
    }
    Map<String, Double> before = scrape();
    try (DaemonChannel channel = Channels.open(HostAddress.parse(harness.host()));
        SessionClient client = SessionClient.open(channel, "old-client", "test", Duration.ofMinutes(1), 1)) {
      assertThat(client.protocolVersion()).isEqualTo(1);
      SessionClient.SyncResult sync = client.sync(root, Manifest.of(entries), Manifest.empty(), 0, false, UploadOptions.defaults());
      assertThat(sync.chunksSent()).isEqualTo(4);
      BuildResult built = client.build("Dockerfile", "FROM scratch\n".getBytes(StandardCharsets.UTF_8), sync.version(), false);
      Path copy = Path.of(built.getMaterializedPath());
      for (var f : files.entrySet()) assertThat(Files.readAllBytes(copy.resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
    }
    Map<String, Double> after = scrape();
    assertThat(after.get(CHUNK_MESSAGES) - before.getOrDefault(CHUNK_MESSAGES, 0.0)).isEqualTo(4.0);
    assertThat(after.get(BATCH_MESSAGES) - before.getOrDefault(BATCH_MESSAGES, 0.0)).isZero();
  }
}
