package dev.ctxd.server;

import dev.ctxd.cache.Tenant;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides who each call's caller is and puts it in the gRPC {@link Context} under
 * {@link #TENANT}; a caller it cannot identify gets UNAUTHENTICATED before any service code
 * runs. In order: the peer uid of a unix socket connection ({@link PeerCredentialsNegotiator}),
 * a TLS client certificate the handshake verified, the daemon's bearer token in
 * {@code authorization: Bearer}, and, only where the operator allowed it on loopback, one
 * anonymous TCP tenant. Thread-safe and stateless.
 */
final class TenantInterceptor implements ServerInterceptor {
  static final Attributes.Key<Integer> PEER_UID = Attributes.Key.create("ctxd.peer-uid");
  static final Context.Key<Tenant> TENANT = Context.key("ctxd.tenant");
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final int ownerUid;
  private final byte[] token; // null: no bearer token accepted
  private final boolean anonymousTcp;

  TenantInterceptor(int ownerUid, String token, boolean anonymousTcp) {
    this.ownerUid = ownerUid;
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    this.anonymousTcp = anonymousTcp;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Tenant tenant;
    try {
      tenant = identify(call.getAttributes(), headers);
    } catch (UnauthenticatedException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(TENANT, tenant), call, headers, next);
  }

  Tenant identify(Attributes attributes, Metadata headers) throws UnauthenticatedException {
    Integer uid = attributes.get(PEER_UID);
    if (uid != null) return Tenant.uid(uid, uid == ownerUid);
    SSLSession tls = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (tls != null) {
      Certificate[] chain = null;
      try {
        chain = tls.getPeerCertificates();
      } catch (SSLPeerUnverifiedException noClientCertificate) {
        // fall through to the token
      }
      if (chain != null && chain.length > 0) return new Tenant("cert:" + fingerprint(chain[0]), false);
    }
    if (token != null) {
      String sent = headers.get(AUTHORIZATION);
      if (sent == null) throw new UnauthenticatedException("no bearer token: this daemon requires `authorization: Bearer <token>` on TCP; set CTXD_TOKEN (or CTXD_TOKEN_FILE) to the daemon's token");
      if (!MessageDigest.isEqual(token, sent.getBytes(StandardCharsets.US_ASCII))) throw new UnauthenticatedException("wrong bearer token");
      return new Tenant("token", false);
    }
    if (anonymousTcp && attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof java.net.InetSocketAddress) return new Tenant("tcp-anonymous", false);
    throw new UnauthenticatedException("the daemon cannot identify this connection (no peer credentials, client certificate or token)");
  }

  static String fingerprint(Certificate certificate) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.of().formatHex(sha, 0, 16);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("fingerprint a verified client certificate", e);
    }
  }

  static final class UnauthenticatedException extends Exception {
    UnauthenticatedException(String message) {
      super(message);
    }
  }
}
