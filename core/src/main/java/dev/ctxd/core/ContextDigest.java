package dev.ctxd.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of what a builder can see in a context: SHA-256 over a canonical encoding of
 * every entry, in {@link PathOrder}. Times, owners and the walk order do not enter it, so the
 * same tree gives the same digest on any machine; any change of path, type, permission bits,
 * link target or content does.
 *
 * <p>Encoding, per entry: the type's label, NUL, the path, NUL, the mode as 4 octal digits,
 * NUL, the link target, NUL, then for files the size as a decimal number, NUL and the content
 * digest's printed form, then a newline. This is documented in docs/protocol.md; changing it
 * changes every digest.
 */
public final class ContextDigest {
  private ContextDigest() {}

  /** The digest of {@code manifest}; computed once per manifest object and remembered. */
  public static String of(Manifest manifest) {
    String known = manifest.memoizedContextDigest();
    if (known != null) return known;
    String digest = compute(manifest);
    manifest.memoizeContextDigest(digest);
    return digest;
  }

  private static String compute(Manifest manifest) {
    MessageDigest sha = sha256();
    for (Entry e : manifest.entries()) {
      StringBuilder line = new StringBuilder(96);
      line.append(e.type().label()).append('\0')
          .append(e.path().value()).append('\0')
          .append(octal4(e.mode())).append('\0')
          .append(e.linkTarget()).append('\0');
      if (e.type() == EntryType.FILE) line.append(e.size()).append('\0').append(e.digest());
      line.append('\n');
      sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /** The mode as 4 octal digits, as {@code %04o} prints it (Formatter was a tenth of this method's time). */
  private static char[] octal4(int mode) {
    return new char[] {
        (char) ('0' + ((mode >> 9) & 7)), (char) ('0' + ((mode >> 6) & 7)), (char) ('0' + ((mode >> 3) & 7)), (char) ('0' + (mode & 7))};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
