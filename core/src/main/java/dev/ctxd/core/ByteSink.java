package dev.ctxd.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array written from one thread. Hand-written because
 * {@link java.io.ByteArrayOutputStream} synchronizes every write, which was a third of encoding
 * an 80k-entry manifest byte by byte (issue 8), and core depends on nothing but the JDK.
 * Not thread-safe.
 */
public final class ByteSink {
  private byte[] bytes;
  private int size;

  public ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The backing array; bytes {@code 0..size()-1} are the content. */
  public byte[] array() {
    return bytes;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  public void write(int b) {
    if (size == bytes.length) grow(1);
    bytes[size++] = (byte) b;
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  public void write(byte[] b, int offset, int length) {
    if (bytes.length - size < length) grow(length);
    System.arraycopy(b, offset, bytes, size, length);
    size += length;
  }

  /** Latin-1 text (labels, digits) as one byte per char. */
  public void writeAscii(String text) {
    int n = text.length();
    if (bytes.length - size < n) grow(n);
    text.getBytes(0, n, bytes, size); // deprecated only for non-Latin-1 text, which callers never pass
    size += n;
  }

  public void writeUtf8(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  public void writeLong(long v) {
    if (bytes.length - size < 8) grow(8);
    for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
  }

  /** Unsigned LEB128. */
  public void writeVarLong(long v) {
    if (bytes.length - size < 10) grow(10);
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  private void grow(int needed) {
    long want = Math.max((long) size + needed, (long) bytes.length * 2);
    if (want > Integer.MAX_VALUE - 16) {
      if ((long) size + needed > Integer.MAX_VALUE - 16) throw new OutOfMemoryError("byte sink over 2 GB");
      want = Integer.MAX_VALUE - 16;
    }
    bytes = Arrays.copyOf(bytes, (int) want);
  }
}
