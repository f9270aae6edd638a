package dev.ctxd.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The daemon's bearer token for TCP clients: 32 random bytes, base64url, made on first start
 * in {@code <root>/auth-token}, readable by the daemon's user only. A token file others can
 * read is refused rather than silently used: anyone who read it could act as a client.
 */
public final class TokenFile {
  public static final String NAME = "auth-token";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private TokenFile() {}

  public static String loadOrCreate(Path root) throws IOException {
    Path file = root.resolve(NAME);
    if (!Files.exists(file)) create(file);
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new IOException("the token file " + file + " is readable by others (" + PosixFilePermissions.toString(perms)
          + "); anyone who read it can act as a client: delete it (a new token is made) or chmod 600 it");
    }
    String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (token.length() < 32) throw new IOException("the token file " + file + " holds a token shorter than 32 characters; delete it to get a new one");
    return token;
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path temp = Files.createTempFile(file.getParent(), NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
    } catch (FileAlreadyExistsException raced) {
      // another start made it first; use that one
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
