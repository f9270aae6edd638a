package dev.ctxd.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line a person can act on, for any failure that reaches the command line. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
    if (e instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
    if (e instanceof NotDirectoryException n) return "not a directory: " + n.getFile();
    // e.g. a directory to create where a file is: the JDK's message is the bare path
    if (e instanceof FileAlreadyExistsException f) return "a file is in the way: " + f.getFile();
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason() + ": " + f.getFile();
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }
}
