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
 * loopback only, with a warning: the daemon has no TLS or token authentication yet, and a
 * network listener without either would hand every context to anyone who can connect.
 */
final class ListenerPolicy {
  private static final Logger log = LoggerFactory.getLogger(ListenerPolicy.class);

  private ListenerPolicy() {}

  /** Refuses a TCP address that is not loopback; warns on loopback. */
  static void checkTcp(HostAddress address) throws IOException {
    if (address.scheme() != HostAddress.Scheme.TCP) return;
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(address.host());
    } catch (UnknownHostException e) {
      throw new IOException("cannot resolve the listen address " + address + ": " + e.getMessage(), e);
    }
    for (InetAddress a : resolved) {
      if (!a.isLoopbackAddress()) {
        throw new IOException("refusing to listen on " + address + ": it is reachable from the network and the daemon has no TLS or"
            + " token authentication; anyone who connects could read and write every build context. Use the unix socket"
            + " (with --group to share it) or a loopback address such as tcp://127.0.0.1:PORT");
      }
    }
    log.warn("listening on {}: every local user can connect (no authentication on TCP); prefer the unix socket", address);
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
