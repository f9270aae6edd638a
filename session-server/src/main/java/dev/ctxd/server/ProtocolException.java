package dev.ctxd.server;

import io.grpc.Status;

/** A client broke the protocol; the session ends with {@code status} and this message. */
final class ProtocolException extends Exception {
  private final Status.Code code;

  ProtocolException(Status.Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static ProtocolException invalid(String message) {
    return new ProtocolException(Status.Code.INVALID_ARGUMENT, message);
  }

  static ProtocolException outOfOrder(String message) {
    return new ProtocolException(Status.Code.FAILED_PRECONDITION, message);
  }

  static ProtocolException tooMuch(String message) {
    return new ProtocolException(Status.Code.RESOURCE_EXHAUSTED, message);
  }

  Status.Code code() {
    return code;
  }
}
