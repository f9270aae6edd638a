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

  public static String of(Manifest manifest) {
    MessageDigest sha = sha256();
    for (Entry e : manifest.entries()) {
      StringBuilder line = new StringBuilder(96);
      line.append(e.type().label()).append('\0')
          .append(e.path().value()).append('\0')
          .append(String.format("%04o", e.mode())).append('\0')
          .append(e.linkTarget()).append('\0');
      if (e.type() == EntryType.FILE) line.append(e.size()).append('\0').append(e.digest());
      line.append('\n');
      sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
