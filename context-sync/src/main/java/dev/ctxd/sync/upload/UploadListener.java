package dev.ctxd.sync.upload;

/** Hears upload progress; called on the uploading thread. */
public interface UploadListener {
  UploadListener NONE = (chunks, bytes) -> {};

  void uploaded(long chunks, long rawBytes);
}
