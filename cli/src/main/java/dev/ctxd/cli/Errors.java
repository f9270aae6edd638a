package dev.ctxd.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line a person can act on, for any failure that reaches the command line. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
    if (e instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
    if (e instanceof NotDirectoryException n) return "not a directory: " + n.getFile();
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }
}
