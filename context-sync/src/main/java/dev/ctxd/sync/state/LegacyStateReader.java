package dev.ctxd.sync.state;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.walk.FileStat;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * Reads state files of format 1 (DataOutputStream through deflate), which ctx wrote before
 * issue 8, so an upgrade keeps its stat cache instead of rehashing every file once.
 */
final class LegacyStateReader {
  private static final int FORMAT = 1;

  private LegacyStateReader() {}

  static ClientState load(byte[] file) {
    try (InputStream raw = new java.io.ByteArrayInputStream(file);
         DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(raw), 1 << 16))) {
      if (in.readInt() != StateCodec.MAGIC || in.readInt() != FORMAT) return ClientState.empty();
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
    } catch (IOException | RuntimeException | InvalidManifestException e) {
      return ClientState.empty(); // a damaged cache costs a rehash, nothing more
    }
  }

}
