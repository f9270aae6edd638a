package dev.ctxd.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The uid the daemon runs as: its tenant keeps the context keys stores had before tenants existed. */
final class OwnerUid {
  private OwnerUid() {}

  static int get() {
    try {
      // /proc/self is owned by the process's effective uid
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException("read the daemon's own uid from /proc/self", e);
    }
  }
}
