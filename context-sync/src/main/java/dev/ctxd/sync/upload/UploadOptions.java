package dev.ctxd.sync.upload;

import java.util.Objects;

/** How chunks travel (which ones LZ4-compressed), and who hears about progress. */
public record UploadOptions(Compression compression, UploadListener listener) {
  public UploadOptions {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(listener, "listener");
  }

  public static UploadOptions defaults() {
    return new UploadOptions(Compression.SMALL_SYNCS, UploadListener.NONE);
  }
}
