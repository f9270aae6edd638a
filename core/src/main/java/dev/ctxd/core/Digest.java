package dev.ctxd.core;

import java.util.HexFormat;

/**
 * A content digest: the 64-bit xxHash (seed 0) of a chunk's bytes, or of a file's chunk
 * digests when the file spans several chunks (see {@link Chunking}).
 *
 * <p>Printed as {@code xxh64:} and 16 lower-case hex digits. Immutable.
 */
public record Digest(long value) implements Comparable<Digest> {
  private static final String PREFIX = "xxh64:";

  /** Parses the printed form; names the bad text in the error. */
  public static Digest parse(String text) {
    if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 16) {
      throw new IllegalArgumentException("not a digest (want xxh64:<16 hex digits>): " + text);
    }
    try {
      return new Digest(HexFormat.fromHexDigits(text, PREFIX.length(), text.length()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a digest (want xxh64:<16 hex digits>): " + text, e);
    }
  }

  /** The 16 hex digits, without the algorithm prefix. */
  public String hex() {
    return HexFormat.of().toHexDigits(value);
  }

  @Override
  public int compareTo(Digest other) {
    return Long.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return PREFIX + hex();
  }
}
