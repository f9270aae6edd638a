package dev.ctxd.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Gives a new file its mode in the create itself when the process's umask lets it through
 * unchanged, so a fresh copy of 78k files saves one chmod (open, fchmod, close through the
 * JDK) per file. Modes the umask would cut, and setuid/setgid/sticky bits, which a create
 * cannot set, still get their chmod. The umask is read once from /proc/self/status (Linux
 * 4.7+); without it every file gets its chmod, as before.
 */
final class CreateModes {
  private static final int UMASK = readUmask();

  private CreateModes() {}

  /** The attribute that creates a file with exactly {@code mode}, or null when a chmod is needed after all. */
  static FileAttribute<?> exactly(int mode) {
    if (UMASK < 0 || (mode & ~0777) != 0 || (mode & UMASK) != 0) return null;
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(symbolic(mode)));
  }

  private static String symbolic(int mode) {
    StringBuilder s = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) s.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    return s.toString();
  }

  private static int readUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("Umask:")) return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: no umask known, so every file gets its chmod
    }
    return -1;
  }
}
