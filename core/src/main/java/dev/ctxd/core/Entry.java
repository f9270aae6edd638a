package dev.ctxd.core;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a build context, as the client saw it.
 *
 * <p>{@code digest} and {@code chunks} describe a regular file's content and are present
 * only for {@link EntryType#FILE}: {@code chunks} lists the chunk digests when the file has
 * more than one chunk and is empty otherwise (the file's digest is then its only chunk's).
 * {@code linkTarget} is the symlink's text, or for a hard link the path of the first name of
 * the same file; it is empty for other types. {@code mode} holds the permission bits
 * (07777). Immutable.
 */
public record Entry(
    RelPath path,
    EntryType type,
    int mode,
    long size,
    long mtimeNanos,
    int uid,
    int gid,
    String linkTarget,
    Digest digest,
    List<Digest> chunks) {

  public Entry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(linkTarget, "linkTarget");
    chunks = List.copyOf(chunks);
    if ((mode & ~07777) != 0) throw new IllegalArgumentException("mode has bits beyond 07777: " + Integer.toOctalString(mode) + " on " + path);
    if (size < 0) throw new IllegalArgumentException("negative size " + size + " on " + path);
    boolean isFile = type == EntryType.FILE;
    if (isFile != (digest != null)) {
      throw new IllegalArgumentException((isFile ? "file without digest: " : type.label() + " with digest: ") + path);
    }
    if (isFile) {
      int expected = Chunking.chunkCount(size);
      if (expected == 1 ? !chunks.isEmpty() : chunks.size() != expected) {
        throw new IllegalArgumentException("file " + path + " of " + size + " bytes has " + chunks.size() + " chunk digests, want " + (expected == 1 ? 0 : expected));
      }
    } else if (!chunks.isEmpty()) {
      throw new IllegalArgumentException(type.label() + " with chunks: " + path);
    } else if (size != 0 && type != EntryType.SYMLINK) {
      throw new IllegalArgumentException(type.label() + " with a size: " + path);
    }
    boolean isLink = type == EntryType.SYMLINK || type == EntryType.HARDLINK;
    if (isLink == linkTarget.isEmpty()) {
      throw new IllegalArgumentException((isLink ? type.label() + " without a target: " : type.label() + " with a link target: ") + path);
    }
    if (linkTarget.indexOf('\0') >= 0) throw new InvalidPathException(linkTarget, "link target contains a NUL byte");
  }

  public static Entry dir(RelPath path, int mode, long mtimeNanos, int uid, int gid) {
    return new Entry(path, EntryType.DIR, mode, 0, mtimeNanos, uid, gid, "", null, List.of());
  }

  public static Entry file(RelPath path, int mode, long size, long mtimeNanos, int uid, int gid, Digest digest, List<Digest> chunks) {
    return new Entry(path, EntryType.FILE, mode, size, mtimeNanos, uid, gid, "", digest, chunks);
  }

  public static Entry symlink(RelPath path, String target, long mtimeNanos, int uid, int gid) {
    return new Entry(path, EntryType.SYMLINK, 0777, target.length(), mtimeNanos, uid, gid, target, null, List.of());
  }

  public static Entry hardlink(RelPath path, RelPath firstName, int mode, long mtimeNanos, int uid, int gid) {
    return new Entry(path, EntryType.HARDLINK, mode, 0, mtimeNanos, uid, gid, firstName.value(), null, List.of());
  }

  /** The digests of the chunks that hold this file's bytes, in order. */
  public List<Digest> contentChunks() {
    if (type != EntryType.FILE) return List.of();
    return chunks.isEmpty() ? List.of(digest) : chunks;
  }

  /** True when a builder would see the same thing: everything but times and owners. */
  public boolean sameContent(Entry other) {
    return type == other.type
        && mode == other.mode
        && size == other.size
        && linkTarget.equals(other.linkTarget)
        && Objects.equals(digest, other.digest);
  }
}
