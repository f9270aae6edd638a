package dev.ctxd.sync.client;

import java.io.IOException;

/** A call on a {@link Session} (or {@link CtxClient}) after, or racing with, its close. */
public final class SessionClosedException extends IOException {
  public SessionClosedException(String message) {
    super(message);
  }
}
