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
    writeAtomically(file, StateCodec.encode(this));
  }

  /** A save of this state prepared now, whose version is given when it is written (see {@link PreparedSave}). */
  public PreparedSave prepareSave() {
    return new PreparedSave(this, StateCodec.draft(this));
  }

  /**
   * This state encoded ahead, but for its version: a sync prepares it while the daemon commits,
   * then writes it at the version the commit gave. Written once.
   */
  public static final class PreparedSave {
    private final ClientState draft;
    private final StateCodec.Draft encoding;

    private PreparedSave(ClientState draft, StateCodec.Draft encoding) {
      this.draft = draft;
      this.encoding = encoding;
    }

    /** The state this save records, at {@code version}. */
    public ClientState at(long version) {
      return new ClientState(draft.daemonId(), version, draft.writtenAtNanos(), draft.manifest(), draft.fileStats());
    }

    /** Writes the state at {@code version} to {@code file}, as {@link ClientState#save} would. */
    public void write(Path file, long version) throws IOException {
      writeAtomically(file, encoding.finish(version));
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, bytes);
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
