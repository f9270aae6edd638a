package dev.ctxd.server;

import dev.ctxd.core.HostAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach the daemon (see docs/security.md). The unix socket is owner-only unless a
 * group is named, which gets read-write as with Docker's {@code --group}. TCP is served on
 * the network only with TLS, and callers authenticate with a client certificate or the
 * daemon's bearer token (see {@link TcpSecurity}).
 */
final class ListenerPolicy {
  private static final Logger log = LoggerFactory.getLogger(ListenerPolicy.class);

  private ListenerPolicy() {}

  /** Test hook: treat loopback as the network, so the network rules can be tested on 127.0.0.1. */
  static final String LOOPBACK_IS_NETWORK = "ctxd.test.loopbackIsNetwork";

  /**
   * Refuses a TCP listener the network could reach without TLS, or without a way to
   * authenticate callers (client certificates or the bearer token); warns when loopback runs
   * without TLS or without authentication.
   */
  static void checkTcp(HostAddress address, TcpSecurity security) throws IOException {
    if (address.scheme() != HostAddress.Scheme.TCP) return;
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(address.host());
    } catch (UnknownHostException e) {
      throw new IOException("cannot resolve the listen address " + address + ": " + e.getMessage(), e);
    }
    boolean network = Boolean.getBoolean(LOOPBACK_IS_NETWORK);
    for (InetAddress a : resolved) network |= !a.isLoopbackAddress();
    if (network && !security.tls()) {
      throw new IOException("refusing to listen on " + address + " without TLS: it is reachable from the network, and tokens and"
          + " build contexts would cross it in clear text; give --tlscert and --tlskey (and --tlsverify --tlscacert for client"
          + " certificates), or use the unix socket (with --group to share it) or tcp://127.0.0.1:PORT");
    }
    if (network && security.noAuth()) {
      throw new IOException("refusing to listen on " + address + " with --tcp-no-auth: anyone who can connect could read and"
          + " write every build context; --tcp-no-auth is for loopback only");
    }
    if (security.noAuth()) {
      log.warn("listening on {} without authentication (--tcp-no-auth): every local user can connect; prefer the unix socket", address);
    } else if (!security.tls()) {
      log.warn("listening on {} without TLS: local users cannot use it without the token, but prefer the unix socket", address);
    }
  }

  /** Owner-only, or owner and {@code group} (read-write) when a group is named. */
  static void secureSocket(Path socket, String group) throws IOException {
    if (group == null) {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      return;
    }
    GroupPrincipal principal;
    try {
      principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
    } catch (UserPrincipalNotFoundException e) {
      throw new IOException("group " + group + " not found; create it or name an existing group with --group", e);
    }
    Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
  }
}
