package dev.ctxd.server;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidPathException;
import dev.ctxd.core.RelPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns untrusted protocol entries into core entries, or says exactly which field of which
 * entry is wrong. Every check a hostile client could try to slip past lives here or in the
 * core types' constructors.
 */
final class WireDecoder {
  /** Longest symlink target Linux stores. */
  static final int MAX_LINK_TARGET_BYTES = 4095;

  private static final net.jpountz.xxhash.XXHash64 XXH64 = net.jpountz.xxhash.XXHashFactory.fastestInstance().hash64();

  private WireDecoder() {}

  static Entry decode(dev.ctxd.proto.v1.Entry wire) throws ProtocolException {
    RelPath path;
    try {
      path = new RelPath(wire.getPath());
    } catch (InvalidPathException e) {
      throw ProtocolException.invalid("entry path rejected: " + e.getMessage());
    }
    EntryType type = switch (wire.getType()) {
      case FILE -> EntryType.FILE;
      case DIR -> EntryType.DIR;
      case SYMLINK -> EntryType.SYMLINK;
      case HARDLINK -> EntryType.HARDLINK;
      default -> throw ProtocolException.invalid("entry " + path + " has no valid type (" + wire.getTypeValue() + ")");
    };
    if ((wire.getMode() & ~07777) != 0) throw ProtocolException.invalid("entry " + path + " has mode bits beyond 07777: " + Integer.toOctalString(wire.getMode()));
    long size = wire.getSize();
    if (size < 0) throw ProtocolException.invalid("entry " + path + " has a negative size");
    if (wire.getLinkTarget().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LINK_TARGET_BYTES) {
      throw ProtocolException.invalid("entry " + path + " has a link target longer than " + MAX_LINK_TARGET_BYTES + " bytes");
    }
    Digest digest = null;
    List<Digest> chunks = List.of();
    if (type == EntryType.FILE) {
      if (size > (long) Integer.MAX_VALUE * Chunking.CHUNK_SIZE) throw ProtocolException.invalid("entry " + path + " declares an impossible size " + size);
      digest = new Digest(wire.getDigest());
      if (wire.getChunksCount() > 0) {
        chunks = new ArrayList<>(wire.getChunksCount());
        for (long c : wire.getChunksList()) chunks.add(new Digest(c));
      }
    } else if (wire.getDigest() != 0 || wire.getChunksCount() > 0) {
      throw ProtocolException.invalid(type.label() + " entry " + path + " carries a content digest");
    }
    long entrySize = switch (type) {
      case FILE -> size;
      case SYMLINK -> size;
      default -> 0;
    };
    if (type != EntryType.FILE && type != EntryType.SYMLINK && size != 0) {
      throw ProtocolException.invalid(type.label() + " entry " + path + " declares a size");
    }
    Entry entry;
    try {
      entry = new Entry(path, type, wire.getMode(), entrySize, wire.getMtimeNs(), wire.getUid(), wire.getGid(), wire.getLinkTarget(), digest, chunks);
    } catch (IllegalArgumentException e) {
      throw ProtocolException.invalid("entry " + path + " rejected: " + e.getMessage());
    }
    // The copy and the context digest go by a file's digest alone (equal digests, equal
    // content), so a digest that does not name the listed chunks would let a build keep
    // content the manifest no longer lists. A one-chunk file's digest is its chunk's, whose
    // bytes are checked when they arrive.
    if (!chunks.isEmpty()) {
      Digest ofChunks = fileDigest(wire.getChunksList());
      if (!ofChunks.equals(digest)) {
        throw ProtocolException.invalid("entry " + path + " declares digest " + digest + ", but its chunk digests hash to " + ofChunks);
      }
    }
    return entry;
  }

  /** A multi-chunk file's digest (docs/protocol.md): xxHash64 of its chunk digests, big-endian, concatenated. */
  static Digest fileDigest(List<Long> chunks) {
    java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate(chunks.size() * Long.BYTES); // big-endian
    for (long c : chunks) all.putLong(c);
    return new Digest(XXH64.hash(all.array(), 0, all.capacity(), 0));
  }

  static RelPath decodePath(String wire) throws ProtocolException {
    try {
      return new RelPath(wire);
    } catch (InvalidPathException e) {
      throw ProtocolException.invalid("removed path rejected: " + e.getMessage());
    }
  }
}
