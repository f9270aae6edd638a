package dev.ctxd.core;

/** A set of entries that cannot form a context; the message names the entry and the rule. */
public final class InvalidManifestException extends Exception {
  public InvalidManifestException(String message) {
    super(message);
  }
}
