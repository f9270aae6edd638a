package dev.ctxd.sync.walk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one lstat(2) says about a path; links are never followed.
 *
 * <p>The stat cache trusts a file's recorded digest only while all of size, mtime, ctime,
 * inode, device and mode are unchanged: ctime catches a same-size edit whose mtime was set
 * back with {@code touch -t}, which mtime alone cannot.
 */
public record FileStat(Kind kind, int mode, long size, long mtimeNanos, long ctimeNanos, long inode, long device, int uid, int gid, int links) {

  /** The file types a context cares about; OTHER covers sockets, FIFOs and devices. */
  public enum Kind { FILE, DIR, SYMLINK, OTHER }

  private static final String ATTRIBUTES = "unix:mode,ino,dev,size,lastModifiedTime,ctime,uid,gid,nlink";
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;

  /** lstat(2) of {@code path}. */
  public static FileStat of(Path path) throws IOException {
    if (UnixStat.AVAILABLE) {
      PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (UnixStat.readable(a)) return UnixStat.toFileStat(a);
    }
    return ofAttributeMap(path);
  }

  /**
   * fstatat(2) of {@code name} in the directory {@code dir} is open on: the kernel resolves one
   * component instead of the whole path, which a walk does once per entry.
   */
  public static FileStat of(SecureDirectoryStream<Path> dir, Path name, Path fullPath) throws IOException {
    if (UnixStat.AVAILABLE) {
      PosixFileAttributes a = dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
      if (UnixStat.readable(a)) return UnixStat.toFileStat(a);
    }
    return ofAttributeMap(fullPath);
  }

  /** The portable lstat: the {@code unix:} attribute map (slower; see {@link UnixStat}). Public for the benchmarks. */
  public static FileStat ofAttributeMap(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return fromRaw((Integer) a.get("mode"), (Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
        nanos((FileTime) a.get("ctime")), (Long) a.get("ino"), (Long) a.get("dev"), (Integer) a.get("uid"),
        (Integer) a.get("gid"), (Integer) a.get("nlink"));
  }

  /** True when {@link #of} reads the JDK's stat fields directly rather than the attribute map. */
  public static boolean fastPathAvailable() {
    return UnixStat.AVAILABLE;
  }

  /** From st_mode (type and permission bits) and the other raw stat fields. */
  static FileStat fromRaw(int rawMode, long size, long mtimeNanos, long ctimeNanos, long inode, long device, int uid, int gid, int links) {
    Kind kind = switch (rawMode & S_IFMT) {
      case S_IFREG -> Kind.FILE;
      case S_IFDIR -> Kind.DIR;
      case S_IFLNK -> Kind.SYMLINK;
      default -> Kind.OTHER;
    };
    return new FileStat(kind, rawMode & 07777, size, mtimeNanos, ctimeNanos, inode, device, uid, gid, links);
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  /** True when a file with this stat can be assumed to hold the bytes it held at {@code other}. */
  public boolean sameFileVersion(FileStat other) {
    return other != null
        && kind == other.kind
        && size == other.size
        && mtimeNanos == other.mtimeNanos
        && ctimeNanos == other.ctimeNanos
        && inode == other.inode
        && device == other.device
        && mode == other.mode;
  }
}
