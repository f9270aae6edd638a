package dev.ctxd.sync.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises the Linux inotify limits in the JDK's messages and says how to raise them: the
 * per-user watch limit ({@code fs.inotify.max_user_watches}, one watch per directory) and the
 * instance limit ({@code fs.inotify.max_user_instances}, one per watching session).
 */
final class InotifyLimits {
  private InotifyLimits() {}

  static boolean isLimit(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("inotify watches") || m.contains("inotify instances") || m.contains("No space left on device");
  }

  static String hint(IOException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("inotify instances")) {
      return " (fs.inotify.max_user_instances=" + read("max_user_instances") + "; raise it with: sudo sysctl fs.inotify.max_user_instances=1024)";
    }
    if (isLimit(e)) {
      return " (the per-user inotify watch limit, fs.inotify.max_user_watches=" + read("max_user_watches")
          + ", is reached; raise it with: sudo sysctl fs.inotify.max_user_watches=524288, or ignore large directories in .dockerignore;"
          + " until then each sync walks the whole context)";
    }
    return "";
  }

  private static String read(String name) {
    try {
      return Files.readString(Path.of("/proc/sys/fs/inotify", name)).trim();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
