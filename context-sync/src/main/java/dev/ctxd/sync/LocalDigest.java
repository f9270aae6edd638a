package dev.ctxd.sync;

import dev.ctxd.core.ContextDigest;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.sync.scan.ContextScanner;
import dev.ctxd.sync.scan.ScanListener;
import dev.ctxd.sync.state.ClientState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The context digest of a directory computed here, without a daemon: the same filtered walk
 * and hashing a sync does, from an empty stat cache, with no state written. Equal to the
 * digest a {@code --stream} build of the same directory and filter reports, because both
 * apply {@link ContextDigest} to the same manifest.
 *
 * <p>Stateless; each call hashes every kept file.
 */
public final class LocalDigest {
  private LocalDigest() {}

  /** The manifest a sync of {@code dir} would send. */
  public static Manifest manifest(Path dir, ContextFilter filter, ScanListener listener) throws IOException, PatternException {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    ExecutorService hashers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ctx-digest-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      return new ContextScanner(hashers).scan(dir.toRealPath(), filter, ClientState.empty(), listener).manifest();
    } catch (InvalidManifestException e) {
      throw new IOException("the context directory does not form a valid tree: " + e.getMessage(), e);
    } finally {
      hashers.shutdownNow();
    }
  }

  /** {@code sha256:<hex>} of {@code dir} as filtered by {@code filter}. */
  public static String of(Path dir, ContextFilter filter) throws IOException, PatternException {
    return ContextDigest.of(manifest(dir, filter, ScanListener.NONE));
  }
}
