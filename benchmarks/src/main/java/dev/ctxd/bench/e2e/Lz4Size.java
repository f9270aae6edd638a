package dev.ctxd.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4Factory;

/** Prints the size of a file compressed with the LZ4 ctxd uses on the wire (the one-file-edit target's yardstick). */
public final class Lz4Size {
  private Lz4Size() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: Lz4Size FILE");
    byte[] raw = Files.readAllBytes(Path.of(args[0]));
    System.out.println(LZ4Factory.fastestInstance().fastCompressor().compress(raw).length);
  }
}
