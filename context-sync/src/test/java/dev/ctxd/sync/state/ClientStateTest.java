package dev.ctxd.sync.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.walk.FileStat;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file (format 2 since issue 8) reads back what was written, and nothing else. */
class ClientStateTest {
  @TempDir Path dir;

  @Test
  void save_thenLoad_givesAnEqualState() throws Exception {
    ClientState state = sample();
    Path file = dir.resolve("ctx.state");
    state.save(file);
    ClientState loaded = ClientState.load(file);
    assertThat(loaded).isEqualTo(state);
    assertThat(loaded.manifest().entries()).containsExactlyElementsOf(state.manifest().entries());
    assertThat(Files.readAllBytes(file)).startsWith(0x63, 0x74, 0x78, 0x64, 0, 0, 0, 2);
    assertThat(Files.list(dir)).containsExactly(file); // no temp file left behind
  }

  @Test
  void preparedSave_writtenAtTheCommittedVersion_isTheSameFileAsASaveOfThatState() throws Exception {
    ClientState state = sample();
    ClientState.PreparedSave prepared = new ClientState(state.daemonId(), 0, state.writtenAtNanos(), state.manifest(), state.fileStats()).prepareSave();
    Path early = dir.resolve("early.state");
    Path late = dir.resolve("late.state");
    prepared.write(early, state.version());
    state.save(late);
    assertThat(prepared.at(state.version())).isEqualTo(state);
    assertThat(Files.readAllBytes(early)).isEqualTo(Files.readAllBytes(late));
    assertThat(ClientState.load(early)).isEqualTo(state);
  }

  @Test
  void load_anyDamagedByteOrTruncation_isTheEmptyState() throws Exception {
    Path file = dir.resolve("ctx.state");
    sample().save(file);
    byte[] good = Files.readAllBytes(file);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(file, bad);
      assertThat(ClientState.load(file)).as("byte %d flipped", i).isEqualTo(ClientState.empty());
    }
    for (int cut : new int[] {0, 3, 8, 19, 20, good.length / 2, good.length - 1}) {
      Files.write(file, java.util.Arrays.copyOf(good, cut));
      assertThat(ClientState.load(file)).as("cut at %d", cut).isEqualTo(ClientState.empty());
    }
    assertThat(ClientState.load(dir.resolve("missing"))).isEqualTo(ClientState.empty());
  }

  @Test
  void load_aFormat1FileFromBeforeIssue8_stillReads() throws Exception {
    ClientState state = sample();
    Path file = dir.resolve("old.state");
    writeFormat1(state, file);
    assertThat(ClientState.load(file)).isEqualTo(state);
    assertThat(ClientState.isCurrentFormat(file)).as("an old file is worth rewriting").isFalse();
    ClientState.load(file).save(file);
    assertThat(ClientState.isCurrentFormat(file)).isTrue();
    assertThat(ClientState.load(file)).isEqualTo(state);
    assertThat(ClientState.isCurrentFormat(dir.resolve("missing"))).isTrue();
  }

  /** Dirs, single- and multi-chunk files, links, non-ASCII names and shared prefixes of every length. */
  static ClientState sample() throws Exception {
    List<Entry> entries = new ArrayList<>();
    Map<RelPath, FileStat> stats = new HashMap<>();
    entries.add(Entry.dir(RelPath.of("a"), 0755, 1_700_000_000_123_456_789L, 1000, 1000));
    entries.add(Entry.dir(RelPath.of("a/déjà vu"), 0700, -5, 0, 0));
    long big = 3L * Chunking.CHUNK_SIZE + 7;
    List<Digest> chunks = List.of(new Digest(1), new Digest(-2), new Digest(Long.MAX_VALUE), new Digest(Long.MIN_VALUE));
    file(entries, stats, "a/déjà vu/big.bin", big, new Digest(42), chunks, 0644);
    file(entries, stats, "a/déjà vu/big.bin2", 0, new Digest(0), List.of(), 04755);
    file(entries, stats, "a/x", 5, new Digest(-1), List.of(), 0600);
    entries.add(Entry.hardlink(RelPath.of("a/y"), RelPath.of("a/x"), 0600, 9, 1, 2));
    entries.add(Entry.symlink(RelPath.of("b"), "a/déjà vu/../x\uD83D\uDE00", 77, 3, 4));
    file(entries, stats, "c", 1, new Digest(7), List.of(), 0444);
    return new ClientState("daemon-\u00e9", 12, 1_765_000_000_000_000_000L, Manifest.of(entries), stats);
  }

  private static void file(List<Entry> entries, Map<RelPath, FileStat> stats, String path, long size, Digest digest, List<Digest> chunks, int mode) {
    RelPath p = RelPath.of(path);
    long mtime = 1_600_000_000_000_000_000L + entries.size();
    entries.add(Entry.file(p, mode, size, mtime, 1000 + entries.size(), 100, digest, chunks));
    stats.put(p, new FileStat(FileStat.Kind.FILE, mode, size, mtime, mtime + 1, 1L << 40 | entries.size(), 2049, 1000 + entries.size() - 1, 100, 1));
  }

  /** ClientState.save as it was before issue 8 (format 1). */
  private static void writeFormat1(ClientState s, Path file) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
         DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new java.util.zip.DeflaterOutputStream(raw)))) {
      out.writeInt(0x63747864);
      out.writeInt(1);
      out.writeUTF(s.daemonId());
      out.writeLong(s.version());
      out.writeLong(s.writtenAtNanos());
      out.writeInt(s.manifest().size());
      for (Entry e : s.manifest().entries()) {
        out.writeUTF(e.path().value());
        out.writeByte(e.type().ordinal());
        out.writeInt(e.mode());
        out.writeLong(e.size());
        out.writeLong(e.mtimeNanos());
        out.writeInt(e.uid());
        out.writeInt(e.gid());
        out.writeUTF(e.linkTarget());
        if (e.type() == EntryType.FILE) {
          out.writeLong(e.digest().value());
          out.writeInt(e.chunks().size());
          for (Digest d : e.chunks()) out.writeLong(d.value());
          FileStat stat = s.fileStats().get(e.path());
          out.writeLong(stat.ctimeNanos());
          out.writeLong(stat.inode());
          out.writeLong(stat.device());
          out.writeInt(stat.mode());
        }
      }
    }
  }
}
