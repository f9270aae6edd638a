package dev.ctxd.server;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;

/** The gRPC server credentials for a TCP listener: plaintext, TLS, or TLS requiring client certificates. */
final class TcpCredentials {
  private TcpCredentials() {}

  static ServerCredentials of(TcpSecurity tcp) throws IOException {
    if (!tcp.tls()) return InsecureServerCredentials.create();
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
    try {
      tls.keyManager(tcp.tlsCert().toFile(), tcp.tlsKey().toFile());
      if (tcp.tlsCaCert() != null) tls.trustManager(tcp.tlsCaCert().toFile());
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("load TLS files (--tlscert " + tcp.tlsCert() + ", --tlskey " + tcp.tlsKey() + ", --tlscacert "
          + tcp.tlsCaCert() + "; the key must be PEM, PKCS#8 or PKCS#1): " + e.getMessage(), e);
    }
    if (tcp.tlsVerify()) tls.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    else if (tcp.tlsCaCert() != null) tls.clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
    return tls.build();
  }
}
