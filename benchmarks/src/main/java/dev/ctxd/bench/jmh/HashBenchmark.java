package dev.ctxd.bench.jmh;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * xxHash64 over one 1 MiB chunk (ctxd's chunk size): one-shot on a heap array and on a direct
 * buffer (what ContentHasher does), against streaming in 64 KiB updates, for lz4-java's JNI,
 * Java-unsafe and pure-Java instances. Divide 1 MiB by the score for GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBenchmark {
  private static final int CHUNK = 1 << 20;
  private static final int UPDATE = 64 << 10;

  @Param({"jni", "unsafe", "safe"})
  public String instance;

  private XXHash64 oneShot;
  private XXHashFactory factory;
  private byte[] heap;
  private ByteBuffer direct;

  @Setup
  public void setUp() {
    factory = switch (instance) {
      case "jni" -> XXHashFactory.nativeInstance();
      case "unsafe" -> XXHashFactory.unsafeInstance();
      case "safe" -> XXHashFactory.safeInstance();
      default -> throw new IllegalArgumentException("instance must be jni, unsafe or safe: " + instance);
    };
    oneShot = factory.hash64();
    heap = new byte[CHUNK];
    new SplittableRandom(8).nextBytes(heap);
    direct = ByteBuffer.allocateDirect(CHUNK);
    direct.put(heap).flip();
  }

  @Benchmark
  public long oneShotHeap() {
    return oneShot.hash(heap, 0, heap.length, 0);
  }

  @Benchmark
  public long oneShotDirect() {
    return oneShot.hash(direct, 0, CHUNK, 0);
  }

  @Benchmark
  public long streaming64k() {
    try (StreamingXXHash64 s = factory.newStreamingHash64(0)) {
      for (int off = 0; off < CHUNK; off += UPDATE) s.update(heap, off, UPDATE);
      return s.getValue();
    }
  }
}
