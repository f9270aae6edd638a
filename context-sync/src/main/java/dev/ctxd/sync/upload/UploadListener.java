package dev.ctxd.sync.upload;

/** Hears upload progress; called on the uploading thread. */
public interface UploadListener {
  UploadListener NONE = (chunks, bytes) -> {};

  void uploaded(long chunks, long rawBytes);

  /** The daemon has asked for this many chunks of this many raw bytes so far in this sync. */
  default void requested(long chunks, long rawBytes) {}
}
