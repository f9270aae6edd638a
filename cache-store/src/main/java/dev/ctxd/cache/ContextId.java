package dev.ctxd.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable, short id of a context key: the first {@value #HEX_LENGTH} hex digits of the
 * SHA-256 of the key's UTF-8 bytes. Used in store keys and directory names; the store keeps
 * the full key beside it and refuses a second key with the same id. Immutable.
 */
public record ContextId(String hex) {
  public static final int HEX_LENGTH = 12;
  /** Bytes of {@link #bytes()}. */
  static final int BYTES = HEX_LENGTH / 2;

  public ContextId {
    if (hex == null || hex.length() != HEX_LENGTH || !hex.chars().allMatch(ContextId::isLowerHex)) {
      throw new IllegalArgumentException("not a context id (want " + HEX_LENGTH + " lower-case hex digits): " + hex);
    }
  }

  /** The id of {@code contextKey}; the same key always gives the same id. */
  public static ContextId of(String contextKey) {
    if (contextKey == null || contextKey.isEmpty()) throw new IllegalArgumentException("empty context key");
    byte[] sha = sha256().digest(contextKey.getBytes(StandardCharsets.UTF_8));
    return new ContextId(HexFormat.of().formatHex(sha, 0, BYTES));
  }

  static ContextId fromBytes(byte[] bytes, int offset) {
    return new ContextId(HexFormat.of().formatHex(bytes, offset, offset + BYTES));
  }

  /** The {@value #BYTES} raw bytes used as a key prefix. */
  byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}
