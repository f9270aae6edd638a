package dev.ctxd.sync.state;

import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import dev.ctxd.sync.walk.FileStat;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * What the client remembers about one context directory between builds: the manifest a
 * daemon last acknowledged (so the next sync can send a delta against it) and, for each
 * regular file, the stat it had when hashed (the stat cache).
 *
 * <p>Written to a temp file beside the target and moved into place, so a crash leaves the
 * old state or the new one. A file that cannot be read is treated as absent: the state is a
 * cache, and losing it costs one rehash, never a wrong build. The format is {@link StateCodec}'s;
 * files of the format before it are still read.
 */
public record ClientState(String daemonId, long version, long writtenAtNanos, Manifest manifest, Map<RelPath, FileStat> fileStats) {
  public ClientState {
    fileStats = Map.copyOf(fileStats);
  }

  public static ClientState empty() {
    return new ClientState("", 0, 0, Manifest.empty(), Map.of());
  }

  public static ClientState load(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StateCodec.isFormat2(bytes) ? StateCodec.decode(bytes) : LegacyStateReader.load(bytes);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException | RuntimeException | InvalidManifestException e) {
      return empty(); // a damaged cache costs a rehash, nothing more
    }
  }

  /** True unless {@code file} holds a state in an older format than {@link #save} writes (worth rewriting once). */
  public static boolean isCurrentFormat(Path file) {
    return StateCodec.isCurrent(file);
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, StateCodec.encode(this));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
