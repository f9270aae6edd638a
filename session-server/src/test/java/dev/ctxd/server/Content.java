package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jpountz.xxhash.XXHashFactory;

/** Test content: digests, entries and manifests for small texts. */
final class Content {
  private Content() {}

  static Digest digest(byte[] bytes) {
    return new Digest(XXHashFactory.fastestInstance().hash64().hash(bytes, 0, bytes.length, 0));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Entry file(String path, String text) {
    return Entry.file(RelPath.of(path), 0644, utf8(text).length, 1_600_000_000_000_000_000L, 0, 0, digest(utf8(text)), List.of());
  }

  static Entry dir(String path) {
    return dir(path, 0755);
  }

  static Entry dir(String path, int mode) {
    return Entry.dir(RelPath.of(path), mode, 1_600_000_000_000_000_000L, 0, 0);
  }

  static Entry symlink(String path, String target) {
    return Entry.symlink(RelPath.of(path), target, 0, 0, 0);
  }

  static Manifest manifest(Entry... entries) throws Exception {
    return Manifest.of(List.of(entries));
  }

  /** Stores every text as a chunk. */
  static void store(CacheStore store, String... texts) throws Exception {
    for (String t : texts) store.putChunk(digest(utf8(t)), utf8(t), 0, utf8(t).length);
  }
}
