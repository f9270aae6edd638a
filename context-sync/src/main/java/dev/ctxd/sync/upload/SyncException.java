package dev.ctxd.sync.upload;

import java.io.IOException;

/**
 * A sync or build the daemon refused or could not finish. {@code code} is a stable word
 * (the gRPC status code's name, or the daemon's failure code) that scripts and retry logic
 * can test; the message is for a person.
 */
public final class SyncException extends IOException {
  private final String code;

  public SyncException(String code, String message) {
    super(message);
    this.code = code;
  }

  public SyncException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
