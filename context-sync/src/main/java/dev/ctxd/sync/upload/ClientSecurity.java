package dev.ctxd.sync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a client authenticates to a daemon on TCP (a unix socket needs nothing: the daemon
 * reads the caller's uid). {@code token}: the daemon's bearer token, sent as
 * {@code authorization: Bearer}. {@code caCert}: TLS, trusting servers that CA signed;
 * {@code cert}/{@code key}: a client certificate for mutual TLS. Null means "not used".
 */
public record ClientSecurity(String token, Path caCert, Path cert, Path key) {
  public ClientSecurity {
    if ((cert == null) != (key == null)) throw new IllegalArgumentException("a client certificate needs its key (cert.pem and key.pem)");
    if (cert != null && caCert == null) throw new IllegalArgumentException("a client certificate needs TLS: give the CA (ca.pem) as well");
  }

  public static ClientSecurity none() {
    return new ClientSecurity(null, null, null, null);
  }

  public boolean tls() {
    return caCert != null;
  }

  /**
   * From the environment, as Docker's client does: {@code CTXD_TOKEN} (or a file named by
   * {@code CTXD_TOKEN_FILE}, else {@code defaultTokenFile} when the user can read it, which is
   * where a daemon of the same user keeps it); {@code CTXD_TLS_VERIFY=1} with
   * {@code CTXD_CERT_PATH} holding {@code ca.pem} and, for mutual TLS, {@code cert.pem} and
   * {@code key.pem} (the layout of {@code DOCKER_CERT_PATH}).
   */
  public static ClientSecurity fromEnvironment(Map<String, String> env, Path defaultTokenFile) {
    String token = env.get("CTXD_TOKEN");
    try {
      if ((token == null || token.isBlank()) && env.get("CTXD_TOKEN_FILE") != null) {
        token = Files.readString(Path.of(env.get("CTXD_TOKEN_FILE")), StandardCharsets.US_ASCII);
      } else if ((token == null || token.isBlank()) && defaultTokenFile != null && Files.isReadable(defaultTokenFile)) {
        token = Files.readString(defaultTokenFile, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read the daemon's token: " + e.getMessage(), e);
    }
    token = token == null || token.isBlank() ? null : token.strip();
    // A header value with a control byte is rejected by gRPC after it has logged the value.
    if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("the daemon's token (CTXD_TOKEN or its file) must be printable ASCII without spaces; it has "
          + token.length() + " characters, some of them not");
    }
    String verify = env.getOrDefault("CTXD_TLS_VERIFY", "");
    if (verify.isEmpty() || verify.equals("0")) return new ClientSecurity(token, null, null, null);
    String certPath = env.get("CTXD_CERT_PATH");
    if (certPath == null || certPath.isBlank()) throw new IllegalArgumentException("CTXD_TLS_VERIFY is set but CTXD_CERT_PATH is not (a directory with ca.pem, cert.pem, key.pem)");
    Path dir = Path.of(certPath);
    boolean mutual = Files.exists(dir.resolve("cert.pem"));
    return new ClientSecurity(token, dir.resolve("ca.pem"), mutual ? dir.resolve("cert.pem") : null, mutual ? dir.resolve("key.pem") : null);
  }
}
