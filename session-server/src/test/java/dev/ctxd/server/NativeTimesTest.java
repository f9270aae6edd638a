package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The utimensat route sets what the JDK's route would, to the nanosecond, and never follows a link (issue 8). */
class NativeTimesTest {
  private static final long NANOS = 1_234_567_890_123_456_789L;
  @TempDir Path temp;

  @Test
  void set_file_bothTimesExactToTheNanosecond() throws Exception {
    assertThat(NativeTimes.AVAILABLE).as("JNA's utimensat on 64-bit Linux").isTrue();
    Path file = Files.writeString(temp.resolve("ä file"), "x");
    NativeTimes.set(file, NANOS);
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    assertThat(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)).isEqualTo(NANOS);
    assertThat(a.lastAccessTime().to(TimeUnit.NANOSECONDS)).isEqualTo(NANOS);
  }

  @Test
  void set_timeBeforeTheEpoch_exact() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("d"));
    NativeTimes.set(dir, -1_500_000_001L);
    assertThat(Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).isEqualTo(-1_500_000_001L);
  }

  @Test
  void set_symlink_setsTheLinkNotItsTarget() throws Exception {
    Path target = Files.writeString(temp.resolve("target"), "x");
    FileTime targetBefore = Files.getLastModifiedTime(target);
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    NativeTimes.set(link, NANOS);
    assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).isEqualTo(NANOS);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(targetBefore);
  }

  @Test
  void set_missingFile_noSuchFileNamingIt() {
    Path missing = temp.resolve("missing");
    assertThatThrownBy(() -> NativeTimes.set(missing, NANOS)).isInstanceOf(NoSuchFileException.class).hasMessage(missing.toString());
  }
}
