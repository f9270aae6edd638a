package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Issue 5: {@code ctx daemon --check} reads the store without changing it and reports damage. */
class StoreCheckEndToEndTest {
  @TempDir Path temp;

  @Test
  void check_consistentWhileServing_thenReportsADeletedChunk() throws Exception {
    try (CtxHarness harness = new CtxHarness(temp.resolve("home"))) {
      harness.startDaemon();
      Path context = temp.resolve("ctx");
      Files.createDirectories(context);
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
      Files.writeString(context.resolve("a.txt"), "precious\n");
      CtxHarness.Result built = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(), context.toString());
      assertThat(built.exitCode()).as(built.err()).isZero();

      // Read-only: it runs beside the serving daemon.
      CtxHarness.Result ok = harness.ctx("daemon", "--check", "--root", harness.root.toString());
      assertThat(ok.exitCode()).as(ok.err()).isZero();
      Path cache = harness.root.resolve("cache");
      assertThat(ok.out()).matches("store " + java.util.regex.Pattern.quote(cache.toString()) + " is consistent \\(1 contexts, 1 manifests, \\d+ chunks\\)\n");

      harness.killDaemon();
      byte[] content = "precious\n".getBytes(StandardCharsets.UTF_8);
      long digest = XXHashFactory.fastestInstance().hash64().hash(content, 0, content.length, 0);
      deleteChunk(cache, digest);
      List<String> before = listing(cache);

      CtxHarness.Result bad = harness.ctx("daemon", "--check", "--root", harness.root.toString());
      assertThat(bad.exitCode()).isEqualTo(1);
      String hex = String.format("%016x", digest);
      assertThat(bad.out()).contains("problem: chunk_index/" + hex + " has no chunk in chunks (findMissing reports it present, getChunk fails)\n");
      assertThat(bad.out()).containsPattern("problem: chunks/" + hex + " is missing, needed by .*a\\.txt");
      assertThat(bad.out()).endsWith("store " + cache + " has 2 problem(s) (1 contexts, 1 manifests, " + countChunks(bad.out()) + " chunks checked)\n");
      assertThat(listing(cache)).as("the check changes no file of the store").isEqualTo(before);
    }
  }

  @Test
  void check_noStore_saysSo() throws Exception {
    try (CtxHarness harness = new CtxHarness(temp.resolve("home"))) {
      Files.createDirectories(harness.home);
      Path nowhere = temp.resolve("nowhere");
      CtxHarness.Result r = harness.ctx("daemon", "--check", "--root", nowhere.toString());
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("no store there (wrong --root?)");
    }
  }

  /** Every store file with its size and modification time, except RocksDB's info logs. */
  private static List<String> listing(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path p : files.sorted().toList()) {
        if (p.getFileName().toString().startsWith("LOG")) continue;
        out.add(p.getFileName() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
      return out;
    }
  }

  private static String countChunks(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("manifests, (\\d+) chunks checked").matcher(out);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** Damage as a bug or a bad disk would: the chunk's bytes go, its index entry stays. */
  private static void deleteChunk(Path cache, long digest) throws Exception {
    RocksDB.loadLibrary();
    List<byte[]> names;
    try (Options o = new Options()) {
      names = RocksDB.listColumnFamilies(o, cache.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] n : names) descriptors.add(new ColumnFamilyDescriptor(n));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, cache.toString(), descriptors, handles)) {
      for (int i = 0; i < names.size(); i++) {
        if (new String(names.get(i), StandardCharsets.UTF_8).equals("chunks")) {
          db.delete(handles.get(i), ByteBuffer.allocate(8).putLong(digest).array());
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
