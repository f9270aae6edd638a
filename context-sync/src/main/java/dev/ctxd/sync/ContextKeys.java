package dev.ctxd.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a context directory is named across sessions: its real absolute path. */
public final class ContextKeys {
  private ContextKeys() {}

  public static String of(Path contextDir) throws IOException {
    return contextDir.toRealPath().toString();
  }

  static String fileName(String contextKey) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(contextKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
