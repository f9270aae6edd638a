package dev.ctxd.sync.hash;

import dev.ctxd.core.Digest;
import java.util.List;

/** A regular file's content identity: its digest and, for multi-chunk files, its chunk digests. */
public record FileContent(long size, Digest digest, List<Digest> chunks) {
  public FileContent {
    chunks = List.copyOf(chunks);
  }
}
