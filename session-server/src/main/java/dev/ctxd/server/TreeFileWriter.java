package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.ChunkReader;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Writes one file of a materialized copy from the store's chunks: to a fresh temp name beside
 * it, then mode, time, and an atomic rename, so no reader sees half a file under its real name.
 * A copy written from scratch ({@link Placement#IN_PLACE}) creates each file under its own name
 * instead: nothing reads or trusts that copy before its marker is written after the last file
 * (Materializer), and a new file needs no delete and no rename.
 * Each chunk is checked against its digest on the way (a corrupt cache must not reach a build);
 * chunks go from the store to the file through one direct buffer ({@link ChunkReader}).
 * Stateless and thread-safe: {@link ParallelWrites} runs several at once.
 */
final class TreeFileWriter {
  static final String TEMP_PREFIX = ".ctxd-tmp-";
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();
  private static final int NAME_ATTEMPTS = 16;

  // One reader (1 MiB direct buffer) per writer thread, made on its first file: the threads
  // live for one materialization, so the buffers go with them.
  private static final ThreadLocal<ReaderSlot> READERS = ThreadLocal.withInitial(ReaderSlot::new);

  private TreeFileWriter() {}

  /** How a file reaches its name. */
  enum Placement {
    /** Through a temp name and an atomic rename: the copy held an earlier version. */
    VIA_TEMP,
    /** Created under its name (O_CREAT|O_EXCL): the copy is being written from scratch, unmarked. */
    IN_PLACE
  }

  private static final class ReaderSlot {
    private ChunkReader reader;
    private CacheStore store;

    ChunkReader of(CacheStore s) {
      if (reader == null || store != s) {
        reader = new ChunkReader(s);
        store = s;
      }
      return reader;
    }
  }

  static void write(CacheStore store, Path target, Entry e, Placement placement) throws IOException {
    Path temp = null;
    try {
      long length = 0;
      FileChannel out = null;
      java.nio.file.attribute.FileAttribute<?> mode = placement == Placement.IN_PLACE ? CreateModes.exactly(e.mode()) : null;
      if (placement == Placement.IN_PLACE) {
        // O_EXCL: an entry already at this name (impossible in a fresh copy) fails the build
        // rather than being followed or overwritten.
        out = mode != null ? FileChannel.open(target, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)
            : FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        temp = target; // ours now: removed again if this write fails
      }
      // CREATE_NEW is O_CREAT|O_EXCL: it never follows a symlink that a context entry may have
      // put at a temp-like name, and a taken name just means another try.
      for (int attempt = 0; out == null; attempt++) {
        temp = target.resolveSibling(TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        try {
          out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
          temp = null;
          if (attempt == NAME_ATTEMPTS) throw taken;
        }
      }
      ChunkReader reader = READERS.get().of(store);
      try (FileChannel channel = out) {
        for (Digest d : e.contentChunks()) {
          ByteBuffer chunk = reader.read(d);
          long actual = XXH64.hash(chunk, 0, chunk.limit(), 0);
          if (actual != d.value()) {
            throw new CacheStoreException("chunk " + d + " of " + e.path() + " is corrupt in the cache (its bytes hash to "
                + new Digest(actual) + "); run `ctx system check`");
          }
          length += chunk.limit();
          while (chunk.hasRemaining()) channel.write(chunk);
        }
      }
      if (length != e.size()) {
        throw new CacheStoreException("the cache's chunks of " + e.path() + " hold " + length + " bytes, not the declared " + e.size());
      }
      if (mode == null) Files.setAttribute(temp, "unix:mode", e.mode(), LinkOption.NOFOLLOW_LINKS);
      TreeTimes.set(temp, e.mtimeNanos());
      if (placement == Placement.VIA_TEMP) {
        Files.deleteIfExists(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      temp = null;
    } finally {
      if (temp != null) Files.deleteIfExists(temp);
    }
  }
}
