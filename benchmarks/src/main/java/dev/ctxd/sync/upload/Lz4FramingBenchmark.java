package dev.ctxd.sync.upload;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
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
 * LZ4 framing of one 1 MiB chunk: the upload's {@code compressIfItPays} (a 64 KiB probe
 * first, so incompressible data is skipped cheaply) against compressing every chunk, on
 * source-like text and on random bytes. Lives in the upload package to call the real,
 * package-private decision rather than a copy of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Lz4FramingBenchmark {
  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();
  private static final String[] WORDS = {"static", "int", "struct", "return", "if", "(", ")", "{", "}", ";", "\n\t",
      "unsigned", "long", "spin_lock", "&rq->lock", "NULL", "->", "0", "1", "for", "cpu", "task", "sched", "/*", "*/"};

  @Param({"text", "random"})
  public String data;

  private byte[] chunk;

  @Setup
  public void setUp() {
    chunk = new byte[1 << 20];
    SplittableRandom random = new SplittableRandom(5);
    if (data.equals("random")) {
      random.nextBytes(chunk);
      return;
    }
    StringBuilder text = new StringBuilder(chunk.length + 64);
    while (text.length() < chunk.length) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    System.arraycopy(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, chunk, 0, chunk.length);
  }

  @Benchmark
  public byte[] compressIfItPays() {
    return SessionClient.compressIfItPays(chunk);
  }

  @Benchmark
  public byte[] compressAlways() {
    return LZ4.compress(chunk);
  }
}
