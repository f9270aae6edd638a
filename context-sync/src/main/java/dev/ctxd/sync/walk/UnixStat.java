package dev.ctxd.sync.walk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Reads the JDK's own lstat result ({@code sun.nio.fs.UnixFileAttributes}, what
 * {@code Files.readAttributes(path, PosixFileAttributes.class)} returns on Linux) field by field.
 *
 * <p>Why: the public way to get ctime, inode, device, nlink, uid and gid is the
 * {@code "unix:..."} attribute map, which parses the names and builds a map of boxed values
 * and {@code FileTime}s per entry: on the kernel tree that was about half the walk's Java
 * time. The fields need {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} (the {@code ctx}
 * launcher and the jar's manifest pass it); without it, or on another JDK where the fields
 * differ, {@link #AVAILABLE} is false and {@link FileStat} uses the attribute map, with the
 * same values (FileStatTest checks both on files, dirs, links and hard links).
 */
final class UnixStat {
  private static final Class<?> TYPE;
  private static final VarHandle MODE, INO, DEV, NLINK, UID, GID, SIZE, MTIME_SEC, MTIME_NSEC, CTIME_SEC, CTIME_NSEC;
  /** True when the fields can be read; false means: use the attribute map. */
  static final boolean AVAILABLE;

  static {
    Class<?> type = null;
    VarHandle[] h = new VarHandle[11];
    boolean ok;
    try {
      type = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      String[] names = {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
          "st_mtime_sec", "st_mtime_nsec", "st_ctime_sec", "st_ctime_nsec"};
      Class<?>[] types = {int.class, long.class, long.class, int.class, int.class, int.class, long.class,
          long.class, long.class, long.class, long.class};
      for (int i = 0; i < names.length; i++) h[i] = l.findVarHandle(type, names[i], types[i]);
      ok = true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      ok = false; // not opened to us, or not this JDK's layout: the attribute map it is
    }
    TYPE = type;
    MODE = h[0]; INO = h[1]; DEV = h[2]; NLINK = h[3]; UID = h[4]; GID = h[5]; SIZE = h[6];
    MTIME_SEC = h[7]; MTIME_NSEC = h[8]; CTIME_SEC = h[9]; CTIME_NSEC = h[10];
    AVAILABLE = ok;
  }

  private UnixStat() {}

  /** True when {@code attributes} is the JDK's lstat result that {@link #toFileStat} reads. */
  static boolean readable(PosixFileAttributes attributes) {
    return AVAILABLE && attributes.getClass() == TYPE;
  }

  static FileStat toFileStat(PosixFileAttributes a) {
    return FileStat.fromRaw((int) MODE.get(a), (long) SIZE.get(a),
        nanos((long) MTIME_SEC.get(a), (long) MTIME_NSEC.get(a)), nanos((long) CTIME_SEC.get(a), (long) CTIME_NSEC.get(a)),
        (long) INO.get(a), (long) DEV.get(a), (int) UID.get(a), (int) GID.get(a), (int) NLINK.get(a));
  }

  /** What the JDK's FileTime of (sec, nsec) gives in nanoseconds, overflow rules included. */
  static long nanos(long sec, long nsec) {
    try {
      return Math.addExact(nsec, Math.multiplyExact(sec, 1_000_000_000L));
    } catch (ArithmeticException beyondYear2262) {
      FileTime time = nsec == 0 ? FileTime.from(sec, TimeUnit.SECONDS) : FileTime.from(sec * 1_000_000L + nsec / 1_000L, TimeUnit.MICROSECONDS);
      return time.to(TimeUnit.NANOSECONDS);
    }
  }
}
