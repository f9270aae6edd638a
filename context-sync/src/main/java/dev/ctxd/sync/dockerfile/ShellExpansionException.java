package dev.ctxd.sync.dockerfile;

/** A word could not be expanded by {@link ShellLexer}; the message is BuildKit's wording. */
final class ShellExpansionException extends Exception {
  private static final long serialVersionUID = 1L;

  ShellExpansionException(String message) {
    super(message);
  }
}
