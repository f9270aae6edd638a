package dev.ctxd.sync;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's XDG base directories (freedesktop.org spec), where ctx keeps its client state and
 * the embedded daemon its socket and cache. Empty or relative variables are ignored, as the
 * spec requires.
 */
public record XdgDirs(Path cacheHome, Path dataHome, Path runtimeDir) {
  public static XdgDirs fromEnvironment() {
    return from(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static XdgDirs from(Map<String, String> env, Path home) {
    Path cache = dir(env.get("XDG_CACHE_HOME"), home.resolve(".cache"));
    Path data = dir(env.get("XDG_DATA_HOME"), home.resolve(".local/share"));
    Path runtime = dir(env.get("XDG_RUNTIME_DIR"), null);
    return new XdgDirs(cache.resolve("ctxd"), data.resolve("ctxd"), runtime == null ? null : runtime.resolve("ctxd"));
  }

  private static Path dir(String value, Path fallback) {
    if (value == null || value.isEmpty() || !value.startsWith("/")) return fallback;
    return Path.of(value);
  }

  /** The embedded daemon's state directory. */
  public Path daemonRoot() {
    return dataHome.resolve("daemon");
  }

  /**
   * The embedded daemon's socket: in the runtime dir when there is one, else beside its state.
   * Kept short, since a unix socket path may not exceed 107 bytes.
   */
  public Path daemonSocket() {
    return (runtimeDir != null ? runtimeDir : dataHome).resolve("ctxd.sock");
  }

  /** Where the client state of the context with this key lives. */
  public Path clientState(String contextKey) {
    return cacheHome.resolve("contexts").resolve(ContextKeys.fileName(contextKey) + ".state");
  }
}
