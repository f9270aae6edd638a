package dev.ctxd.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a daemon listens, in Docker's {@code -H} notation: {@code unix:///abs/path.sock} or
 * {@code tcp://HOST:PORT}. A bare absolute path is taken as a unix socket.
 */
public record HostAddress(Scheme scheme, Path socket, String host, int port) {
  public enum Scheme { UNIX, TCP }

  public static HostAddress parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty daemon address; use unix:///path/to/ctxd.sock or tcp://127.0.0.1:PORT");
    if (text.startsWith("/")) return unix(Path.of(text));
    if (text.startsWith("unix://")) {
      String path = text.substring("unix://".length());
      if (!path.startsWith("/")) throw new IllegalArgumentException("unix socket path must be absolute: " + text);
      return unix(Path.of(path));
    }
    if (text.startsWith("tcp://")) {
      try {
        URI uri = new URI(text);
        if (uri.getHost() == null || uri.getPort() < 0) throw new IllegalArgumentException("tcp address needs a host and a port: " + text);
        if (uri.getPath() != null && !uri.getPath().isEmpty()) throw new IllegalArgumentException("tcp address must not have a path: " + text);
        if (uri.getPort() > 65535) throw new IllegalArgumentException("port out of range (0 to 65535): " + text);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1); // an IPv6 literal
        return new HostAddress(Scheme.TCP, null, host, uri.getPort());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a tcp address (" + e.getReason() + "): " + text, e);
      }
    }
    throw new IllegalArgumentException("unsupported daemon address " + text + "; use unix:///path/to/ctxd.sock or tcp://127.0.0.1:PORT");
  }

  public static HostAddress unix(Path socket) {
    return new HostAddress(Scheme.UNIX, socket.toAbsolutePath().normalize(), null, 0);
  }

  @Override
  public String toString() {
    return scheme == Scheme.UNIX ? "unix://" + socket : "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
