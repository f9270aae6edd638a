package dev.ctxd.cache;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jpountz.xxhash.XXHashFactory;

/** Builds manifests and chunk content for tests. */
final class TestManifests {
  private static final String[] NAMES = {"a", "b", "a-b", "src", "é", "✓x", "file.txt", "z z", "\\q", ".hidden"};

  private TestManifests() {}

  static Digest digestOf(byte[] bytes) {
    return new Digest(XXHashFactory.fastestInstance().hash64().hash(bytes, 0, bytes.length, 0));
  }

  static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A one-chunk regular file entry for {@code content}. */
  static Entry file(String path, byte[] content) {
    return Entry.file(RelPath.of(path), 0644, content.length, 1_700_000_000_000_000_000L, 1000, 1000, digestOf(content), List.of());
  }

  static Manifest of(Entry... entries) {
    try {
      return Manifest.of(List.of(entries));
    } catch (InvalidManifestException e) {
      throw new AssertionError(e);
    }
  }

  /** A random valid manifest of up to {@code maxEntries} entries of every type. */
  static Manifest random(Random r, int maxEntries) {
    TreeMap<RelPath, EntryType> types = new TreeMap<>();
    List<RelPath> dirs = new ArrayList<>();
    int n = r.nextInt(maxEntries + 1);
    for (int i = 0; i < n; i++) {
      RelPath parent = dirs.isEmpty() || r.nextInt(4) == 0 ? null : dirs.get(r.nextInt(dirs.size()));
      String name = NAMES[r.nextInt(NAMES.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(100)));
      RelPath path = parent == null ? RelPath.of(name) : parent.resolve(name);
      if (types.containsKey(path)) continue;
      EntryType type = EntryType.values()[r.nextInt(EntryType.values().length)];
      if (type == EntryType.DIR) dirs.add(path);
      types.put(path, type);
    }
    List<Entry> entries = new ArrayList<>();
    List<RelPath> files = new ArrayList<>();
    for (var e : types.entrySet()) { // PathOrder, so earlier files are known when a hard link comes
      RelPath p = e.getKey();
      long mtime = r.nextLong();
      int uid = r.nextInt();
      int gid = r.nextInt();
      int mode = r.nextInt(07777 + 1);
      switch (e.getValue()) {
        case DIR -> entries.add(Entry.dir(p, mode, mtime, uid, gid));
        case SYMLINK -> entries.add(Entry.symlink(p, r.nextBoolean() ? "../t/é" : "/abs/" + r.nextInt(), mtime, uid, gid));
        case HARDLINK -> {
          if (files.isEmpty()) entries.add(randomFile(r, p, mode, mtime, uid, gid, files));
          else entries.add(Entry.hardlink(p, files.get(r.nextInt(files.size())), mode, mtime, uid, gid));
        }
        case FILE -> entries.add(randomFile(r, p, mode, mtime, uid, gid, files));
      }
    }
    try {
      return Manifest.of(entries);
    } catch (InvalidManifestException e) {
      throw new AssertionError(e);
    }
  }

  private static Entry randomFile(Random r, RelPath p, int mode, long mtime, int uid, int gid, List<RelPath> files) {
    long size = switch (r.nextInt(3)) {
      case 0 -> 0;
      case 1 -> r.nextInt(Chunking.CHUNK_SIZE) + 1;
      default -> Chunking.CHUNK_SIZE + (long) r.nextInt(4 * Chunking.CHUNK_SIZE);
    };
    int count = Chunking.chunkCount(size);
    List<Digest> chunks = new ArrayList<>();
    if (count > 1) for (int i = 0; i < count; i++) chunks.add(new Digest(r.nextLong()));
    files.add(p);
    return Entry.file(p, mode, size, mtime, uid, gid, new Digest(r.nextLong()), chunks);
  }
}
