package dev.ctxd.sync.upload;

/** How chunks travel: LZ4 or raw, and who hears about progress. */
public record UploadOptions(boolean compress, UploadListener listener) {
  public static UploadOptions defaults() {
    return new UploadOptions(false, UploadListener.NONE);
  }
}
