package dev.ctxd.sync.hash;

import java.io.IOException;
import java.nio.file.Path;

/** A context file changed while ctx read it; the build would otherwise send a torn file. */
public final class FileChangedException extends IOException {
  private final Path file;

  public FileChangedException(Path file, String what) {
    super(file + " " + what + "; it is being changed during the build, try again when it is saved");
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
