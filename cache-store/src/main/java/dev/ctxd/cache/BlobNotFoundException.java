package dev.ctxd.cache;

import dev.ctxd.core.Digest;

/** The store holds no chunk under {@link #digest()}. */
public final class BlobNotFoundException extends NotFoundException {
  private final transient Digest digest;

  public BlobNotFoundException(Digest digest, String where) {
    super("chunk " + digest + " not found in " + where);
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
