package dev.ctxd.sync.state;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.walk.FileStat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What the client remembers about one context directory between builds: the manifest a
 * daemon last acknowledged (so the next sync can send a delta against it) and, for each
 * regular file, the stat it had when hashed (the stat cache).
 *
 * <p>Written to a temp file beside the target and moved into place, so a crash leaves the
 * old state or the new one. A file that cannot be read is treated as absent: the state is a
 * cache, and losing it costs one rehash, never a wrong build.
 */
public record ClientState(String daemonId, long version, long writtenAtNanos, Manifest manifest, Map<RelPath, FileStat> fileStats) {
  private static final int MAGIC = 0x63747864; // "ctxd"
  private static final int FORMAT = 1;

  public ClientState {
    fileStats = Map.copyOf(fileStats);
  }

  public static ClientState empty() {
    return new ClientState("", 0, 0, Manifest.empty(), Map.of());
  }

  public static ClientState load(Path file) {
    try (InputStream raw = Files.newInputStream(file);
         DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(raw), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) return empty();
      String daemonId = in.readUTF();
      long version = in.readLong();
      long writtenAt = in.readLong();
      int count = in.readInt();
      List<Entry> entries = new ArrayList<>(count);
      Map<RelPath, FileStat> stats = new HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        RelPath path = new RelPath(in.readUTF());
        EntryType type = EntryType.values()[in.readByte()];
        int mode = in.readInt();
        long size = in.readLong();
        long mtime = in.readLong();
        int uid = in.readInt();
        int gid = in.readInt();
        String link = in.readUTF();
        Digest digest = null;
        List<Digest> chunks = List.of();
        if (type == EntryType.FILE) {
          digest = new Digest(in.readLong());
          int n = in.readInt();
          chunks = new ArrayList<>(n);
          for (int c = 0; c < n; c++) chunks.add(new Digest(in.readLong()));
          long ctime = in.readLong();
          long inode = in.readLong();
          long device = in.readLong();
          int statMode = in.readInt();
          stats.put(path, new FileStat(FileStat.Kind.FILE, statMode, size, mtime, ctime, inode, device, uid, gid, 1));
        }
        entries.add(new Entry(path, type, mode, size, mtime, uid, gid, link, digest, chunks));
      }
      return new ClientState(daemonId, version, writtenAt, Manifest.of(entries), stats);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException | RuntimeException | InvalidManifestException e) {
      return empty(); // a damaged cache costs a rehash, nothing more
    }
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(temp);
           DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(raw), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(daemonId);
        out.writeLong(version);
        out.writeLong(writtenAtNanos);
        out.writeInt(manifest.size());
        for (Entry e : manifest.entries()) {
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
            FileStat stat = fileStats.get(e.path());
            out.writeLong(stat == null ? -1 : stat.ctimeNanos());
            out.writeLong(stat == null ? -1 : stat.inode());
            out.writeLong(stat == null ? -1 : stat.device());
            out.writeInt(stat == null ? -1 : stat.mode());
          }
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
