package dev.ctxd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Build contexts for the cache tests: random binaries (incompressible) and small text files. */
final class CacheTrees {
  private CacheTrees() {}

  static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A context with a Dockerfile, {@code big} as big.bin (if not null) and {@code smallFiles} text files salted by {@code salt}. */
  static Path write(Path dir, byte[] big, int smallFiles, String salt) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    if (big != null) Files.write(dir.resolve("big.bin"), big);
    for (int i = 0; i < smallFiles; i++) {
      Files.writeString(dir.resolve("src/file" + i + ".txt"), ("line " + i + " of " + salt + "\n").repeat(40));
    }
    return dir;
  }

  static long bytesOf(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
