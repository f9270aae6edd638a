package dev.ctxd.sync.client;

import dev.ctxd.core.HostAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point for an IDE plugin: a daemon address and client settings, and the sessions
 * opened through them. Each {@link Session} holds its own connection, so sessions of different
 * contexts never wait for each other.
 *
 * <pre>{@code
 * try (CtxClient ctx = CtxClient.connect(ClientOptions.forHost("unix:///run/user/1000/ctxd/ctxd.sock"));
 *      Session session = ctx.open(projectDir, SessionOptions.defaults().withWatch(true))) {
 *   session.subscribe(event -> ui.show(event));
 *   BuildSummary b = session.build(BuildOptions.defaults());   // any number of times
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every session still open and is idempotent; after
 * it, {@link #open} throws {@link SessionClosedException}.
 */
public final class CtxClient implements AutoCloseable {
  private final ClientOptions options;
  private final HostAddress address;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private CtxClient(ClientOptions options, HostAddress address) {
    this.options = options;
    this.address = address;
  }

  /** Checks that a daemon listens at {@code options.host()}; fails naming the address otherwise. */
  public static CtxClient connect(ClientOptions options) throws IOException {
    HostAddress address;
    try {
      address = HostAddress.parse(options.host());
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid daemon address " + options.host() + ": " + e.getMessage(), e);
    }
    probe(address);
    return new CtxClient(options, address);
  }

  private static void probe(HostAddress address) throws IOException {
    try {
      if (address.scheme() == HostAddress.Scheme.UNIX) {
        Path socket = address.socket();
        if (!Files.exists(socket)) throw new IOException("no socket at " + socket);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          ch.connect(UnixDomainSocketAddress.of(socket));
        }
      } else {
        try (java.net.Socket s = new java.net.Socket()) {
          s.connect(new InetSocketAddress(address.host(), address.port()), 5000);
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot connect to the ctxd daemon at " + address + ": " + e.getMessage()
          + " (is it running? `ctx daemon` starts one, `ctx build` starts the embedded one)", e);
    }
  }

  /** Opens a session for {@code contextDir}; with {@code options.watch()} it starts watching and syncs at once. */
  public Session open(Path contextDir, SessionOptions sessionOptions) throws IOException {
    if (closed.get()) throw new SessionClosedException("the client is closed");
    if (!Files.isDirectory(contextDir)) throw new IOException("unable to prepare context: context must be a directory: " + contextDir.toAbsolutePath());
    Session[] holder = new Session[1];
    Session s = Session.open(options, address, contextDir.toRealPath(), sessionOptions, () -> {
      if (holder[0] != null) sessions.remove(holder[0]); // null: the open itself failed
    });
    holder[0] = s;
    sessions.add(s);
    if (closed.get()) s.close(); // closed while opening
    return s;
  }

  public String host() {
    return address.toString();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    for (Session s : Set.copyOf(sessions)) s.close();
  }
}
