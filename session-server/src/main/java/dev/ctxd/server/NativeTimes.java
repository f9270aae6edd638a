package dev.ctxd.server;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Sets a path's access and modification times with one {@code utimensat(2)} call that never
 * follows a link (JNA direct mapping). The JDK's route for the same
 * ({@code BasicFileAttributeView.setTimes} without following links) costs two lstats, an
 * open, a futimens and a close per file, and a time-only rebuild of the kernel tree sets
 * 78.6k of them (issue 8). Where JNA or the call is not there (not 64-bit Linux, no native
 * library), {@link #AVAILABLE} is false and the caller uses the JDK.
 */
final class NativeTimes {
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int EPERM = 1;
  // The JDK's own encoding of file names, so both routes name the same file.
  private static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  static final boolean AVAILABLE = register();

  private NativeTimes() {}

  private static boolean register() {
    if (!Platform.isLinux() || !Platform.is64Bit() || Boolean.getBoolean("ctxd.noNativeTimes")) return false;
    try {
      Native.register(NativeTimes.class, Platform.C_LIBRARY_NAME);
      return true;
    } catch (Throwable unavailable) { // no libjnidispatch for this platform, or no libc symbol
      return false;
    }
  }

  // times: struct timespec[2] {atime sec, atime nsec, mtime sec, mtime nsec} (LP64: two longs each).
  private static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

  /** Sets both times of {@code path} (never following a link) to {@code nanos} since the epoch. */
  static void set(Path path, long nanos) throws IOException {
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    long nsec = Math.floorMod(nanos, 1_000_000_000L);
    byte[] name = path.toString().getBytes(NAMES);
    byte[] cString = java.util.Arrays.copyOf(name, name.length + 1);
    try {
      utimensat(AT_FDCWD, cString, new long[] {sec, nsec, sec, nsec}, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      String file = path.toString();
      switch (e.getErrorCode()) {
        case ENOENT -> throw new NoSuchFileException(file);
        case EACCES, EPERM -> throw new AccessDeniedException(file, null, "cannot set its times");
        default -> throw new FileSystemException(file, null, "cannot set its times: " + e.getMessage());
      }
    }
  }
}
