package dev.ctxd.sync.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct stat (issue 8) must say what the attribute map said, on every kind of entry. */
class FileStatTest {
  @TempDir Path dir;

  @Test
  void fastPath_isOnUnderTheBuildsJvmFlags() {
    // The surefire argLine opens sun.nio.fs as the launcher does; without it these tests would only compare the fallback with itself.
    assertThat(FileStat.fastPathAvailable()).isTrue();
  }

  @Test
  void of_filesDirsLinksHardLinksAndSockets_equalTheAttributeMap() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "hello");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_789)));
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file.txt"));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));
    Path hard = Files.createLink(dir.resolve("hard"), file);
    Path whole = Files.writeString(dir.resolve("whole-second"), "x");
    Files.setLastModifiedTime(whole, FileTime.from(1_500_000_000L, TimeUnit.SECONDS));
    Path socket = dir.resolve("sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Map<String, FileStat> listed = listedThroughOpenDirectory();
      for (Path p : new Path[] {file, sub, link, dangling, hard, whole, socket}) {
        FileStat expected = FileStat.ofAttributeMap(p);
        assertThat(FileStat.of(p)).as(p.toString()).isEqualTo(expected);
        assertThat(listed.get(p.getFileName().toString())).as(p.toString()).isEqualTo(expected);
      }
    }
    assertThat(FileStat.of(file)).satisfies(s -> {
      assertThat(s.kind()).isEqualTo(FileStat.Kind.FILE);
      assertThat(s.mode()).isEqualTo(0750);
      assertThat(s.size()).isEqualTo(5);
      assertThat(s.mtimeNanos()).isEqualTo(1_600_000_000_123_456_789L);
      assertThat(s.links()).isEqualTo(2);
    });
    assertThat(FileStat.of(hard).inode()).isEqualTo(FileStat.of(file).inode());
    assertThat(FileStat.of(whole).mtimeNanos()).isEqualTo(1_500_000_000_000_000_000L);
    assertThat(FileStat.of(sub).kind()).isEqualTo(FileStat.Kind.DIR);
    assertThat(FileStat.of(link).kind()).isEqualTo(FileStat.Kind.SYMLINK);
    assertThat(FileStat.of(link).size()).isEqualTo("file.txt".length());
    assertThat(FileStat.of(socket).kind()).isEqualTo(FileStat.Kind.OTHER);
  }

  @Test
  void of_missingFile_throwsNoSuchFile() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileStat.of(dir.resolve("gone")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void nanos_followsTheJdksFileTimeRules_pastTheNanosecondRange() {
    assertThat(UnixStat.nanos(1, 5)).isEqualTo(1_000_000_005L);
    assertThat(UnixStat.nanos(-2, 999_999_999)).isEqualTo(-1_000_000_001L);
    long far = Long.MAX_VALUE / 1_000_000_000L + 1;
    assertThat(UnixStat.nanos(far, 0)).isEqualTo(FileTime.from(far, TimeUnit.SECONDS).to(TimeUnit.NANOSECONDS));
    assertThat(UnixStat.nanos(far, 7_000)).isEqualTo(FileTime.from(far * 1_000_000L + 7, TimeUnit.MICROSECONDS).to(TimeUnit.NANOSECONDS));
  }

  private Map<String, FileStat> listedThroughOpenDirectory() throws IOException {
    Map<String, FileStat> out = new HashMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      assertThat(stream).isInstanceOf(SecureDirectoryStream.class);
      @SuppressWarnings("unchecked")
      SecureDirectoryStream<Path> open = (SecureDirectoryStream<Path>) stream;
      for (Path child : stream) out.put(child.getFileName().toString(), FileStat.of(open, child.getFileName(), child));
    }
    return out;
  }
}
