package dev.ctxd.server;

import java.nio.file.Path;

/**
 * How a TCP listener protects itself, with dockerd's flag names: {@code --tlscert}/{@code
 * --tlskey} serve TLS, {@code --tlsverify} with {@code --tlscacert} requires client
 * certificates signed by that CA (mutual TLS: the certificate is the tenant). Without
 * {@code --tlsverify} callers present the daemon's bearer token, unless {@code noAuth}, which
 * only loopback allows (see {@link ListenerPolicy}). Null paths mean "not given".
 */
public record TcpSecurity(Path tlsCert, Path tlsKey, Path tlsCaCert, boolean tlsVerify, boolean noAuth) {
  public TcpSecurity {
    if ((tlsCert == null) != (tlsKey == null)) throw new IllegalArgumentException("--tlscert and --tlskey go together");
    if (tlsVerify && tlsCaCert == null) throw new IllegalArgumentException("--tlsverify needs --tlscacert (the CA that signs client certificates)");
    if (tlsVerify && tlsCert == null) throw new IllegalArgumentException("--tlsverify needs --tlscert and --tlskey");
    if (tlsVerify && noAuth) throw new IllegalArgumentException("--tlsverify authenticates clients; it contradicts --tcp-no-auth");
  }

  /** Plain TCP with the bearer token: the default. */
  public static TcpSecurity tokenOnly() {
    return new TcpSecurity(null, null, null, false, false);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** Whether callers must present the bearer token (no client certificates to identify them). */
  public boolean usesToken() {
    return !tlsVerify && !noAuth;
  }
}
