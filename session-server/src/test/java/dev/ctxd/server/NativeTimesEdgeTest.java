package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 8: the utimensat route agrees with the JDK's at the edges of times, names and paths. */
class NativeTimesEdgeTest {
  @TempDir Path temp;

  private static long[] times(Path p) throws Exception {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new long[] {a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.lastAccessTime().to(TimeUnit.NANOSECONDS)};
  }

  private static void jdkSet(Path p, long nanos) throws Exception {
    FileTime t = FileTime.from(nanos, TimeUnit.NANOSECONDS);
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, t, null);
  }

  // The JDK's route sets a time less than a second before 1970 to 0 (these differ: -1, -999999999);
  // utimensat with floorDiv/floorMod sets each exactly.
  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, -1, 0, 1, -999_999_999, -1_000_000_000, -86_400_000_000_001L, 7_258_118_400_123_456_789L /* 2200-01-01 */})
  void extremeTimes_setExactly(long nanos) throws Exception {
    Path file = Files.writeString(temp.resolve("f"), "x");
    NativeTimes.set(file, nanos);
    assertThat(times(file)).containsExactly(nanos, nanos);
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, 0, -1_000_000_000, 7_258_118_400_123_456_789L})
  void wholeSecondsAndLaterTimes_sameAsTheJdk(long nanos) throws Exception {
    Path viaJdk = Files.writeString(temp.resolve("jdk"), "x");
    Path viaNative = Files.writeString(temp.resolve("native"), "x");
    jdkSet(viaJdk, nanos);
    NativeTimes.set(viaNative, nanos);
    assertThat(times(viaNative)).containsExactly(times(viaJdk));
  }

  @ParameterizedTest
  @ValueSource(strings = {"new\nline", "tab\tand space ", "ünïcødé-日本", "emoji-\uD83D\uDE00", "-leading-dash", ".hidden"})
  void oddNames_setTheNamedFile(String name) throws Exception {
    Path file = Files.writeString(temp.resolve(name), "x");
    NativeTimes.set(file, 1_600_000_000_123_456_789L);
    assertThat(times(file)).containsExactly(1_600_000_000_123_456_789L, 1_600_000_000_123_456_789L);
  }

  @Test
  void pathLongerThanPathMax_failsAsTheJdkDoes_namingIt() throws Exception {
    Path deep = temp;
    String component = "d".repeat(200);
    while (deep.toString().length() < 4200) deep = deep.resolve(component);
    Path target = deep.resolve("f");
    Throwable jdk = catchThrowable(() -> jdkSet(target, 1));
    Throwable ours = catchThrowable(() -> NativeTimes.set(target, 1));
    assertThat(ours).isInstanceOf(java.nio.file.FileSystemException.class);
    assertThat(ours.getClass()).isEqualTo(jdk.getClass());
    assertThat(((java.nio.file.FileSystemException) ours).getFile()).isEqualTo(target.toString());
  }

  @Test
  void componentLongerThanNameMax_failsNamingIt() throws Exception {
    Path target = temp.resolve("n".repeat(300));
    Throwable jdk = catchThrowable(() -> jdkSet(target, 1));
    Throwable ours = catchThrowable(() -> NativeTimes.set(target, 1));
    assertThat(ours.getClass()).isEqualTo(jdk.getClass());
    assertThat(((java.nio.file.FileSystemException) ours).getFile()).isEqualTo(target.toString());
  }

  @Test
  void parentIsAFile_failsAsTheJdkDoes() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "x");
    Path target = file.resolve("child");
    Throwable jdk = catchThrowable(() -> jdkSet(target, 1));
    Throwable ours = catchThrowable(() -> NativeTimes.set(target, 1));
    assertThat(ours).isNotNull();
    assertThat(ours.getClass()).isEqualTo(jdk.getClass());
  }

  @Test
  void danglingSymlink_setsTheLink() throws Exception {
    Path link = Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("nowhere"));
    NativeTimes.set(link, 1_000_000_007L);
    assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).isEqualTo(1_000_000_007L);
  }
}
