package dev.ctxd.bench.jmh;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.walk.FileStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's rehash read path per file, as a touch-all rebuild runs it 78.6k times (issue 8):
 * {@code ContentHasher.hash} plus the stat that checks the file did not change meanwhile
 * (one open, one read into a reused direct buffer, close, lstat), against the path before issue
 * 8's change (the same plus a second read to see a file that grew) and against
 * {@code Files.readAllBytes} hashed on the heap. Files: 4,000 of 1-64 KiB (the kernel's median
 * file is ≈8 KiB) under {@code /dev/shm} when it exists, so the page cache serves every read.
 * Score: microseconds per file; two threads, as the scan runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
@Threads(2)
public class HashFilesBenchmark {
  private static final int FILES = 4000;
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

  private Path dir;
  private Path[] files;
  private long[] sizes;
  private FileStat[] stats;

  /** One hasher and one cursor per benchmark thread, as each scan thread owns one. */
  @State(Scope.Thread)
  public static class PerThread {
    final ContentHasher hasher = new ContentHasher();
    final ByteBuffer buffer = ByteBuffer.allocateDirect(Chunking.CHUNK_SIZE);
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "ctxd-hash-bench") : Files.createTempDirectory("ctxd-hash-bench");
    SplittableRandom random = new SplittableRandom(8);
    files = new Path[FILES];
    sizes = new long[FILES];
    stats = new FileStat[FILES];
    for (int i = 0; i < FILES; i++) {
      byte[] content = new byte[1024 + random.nextInt(63 * 1024)];
      random.nextBytes(content);
      files[i] = Files.write(dir.resolve("f" + i), content);
      sizes[i] = content.length;
      stats[i] = FileStat.of(files[i]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    TempTrees.delete(dir);
  }

  /** What the scan does per changed file now. */
  @Benchmark
  public long contentHasher(PerThread t) throws IOException {
    int i = t.next++ % FILES;
    long digest = t.hasher.hash(files[i], sizes[i]).digest().value();
    if (!FileStat.of(files[i]).sameFileVersion(stats[i])) throw new IllegalStateException("changed: " + files[i]);
    return digest;
  }

  /** The read path before issue 8's change: the same, and a second read past the end to see a file that grew. */
  @Benchmark
  public long withExtraRead(PerThread t) throws IOException {
    int i = t.next++ % FILES;
    long size = sizes[i];
    List<Digest> chunks = new ArrayList<>(1);
    try (FileChannel channel = FileChannel.open(files[i], StandardOpenOption.READ)) {
      ByteBuffer b = t.buffer;
      b.clear().limit((int) size);
      while (b.hasRemaining()) if (channel.read(b, b.position()) < 0) throw new IllegalStateException("shrank");
      b.flip();
      chunks.add(ContentHasher.chunkDigest(b));
      b.clear().limit(1);
      if (channel.read(b, size) > 0) throw new IllegalStateException("grew");
    }
    if (!FileStat.of(files[i]).sameFileVersion(stats[i])) throw new IllegalStateException("changed: " + files[i]);
    return ContentHasher.fileDigest(chunks).value();
  }

  /** The plain JDK way: read the file into a new array, hash it on the heap. */
  @Benchmark
  public long readAllBytes(PerThread t) throws IOException {
    int i = t.next++ % FILES;
    byte[] content = Files.readAllBytes(files[i]);
    return XXH64.hash(content, 0, content.length, 0);
  }
}
