package dev.ctxd.sync.upload;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;

/** Writes core entries as protocol entries; the daemon's decoder is the strict other half. */
final class WireEntries {
  private WireEntries() {}

  static dev.ctxd.proto.v1.Entry toWire(Entry e) {
    dev.ctxd.proto.v1.Entry.Builder b = dev.ctxd.proto.v1.Entry.newBuilder()
        .setPath(e.path().value())
        .setType(switch (e.type()) {
          case FILE -> dev.ctxd.proto.v1.EntryType.FILE;
          case DIR -> dev.ctxd.proto.v1.EntryType.DIR;
          case SYMLINK -> dev.ctxd.proto.v1.EntryType.SYMLINK;
          case HARDLINK -> dev.ctxd.proto.v1.EntryType.HARDLINK;
        })
        .setMode(e.mode())
        .setSize(e.size())
        .setMtimeNs(e.mtimeNanos())
        .setUid(e.uid())
        .setGid(e.gid())
        .setLinkTarget(e.linkTarget());
    if (e.digest() != null) b.setDigest(e.digest().value());
    for (Digest d : e.chunks()) b.addChunks(d.value());
    return b.build();
  }
}
