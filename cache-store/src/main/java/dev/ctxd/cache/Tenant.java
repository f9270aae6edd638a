package dev.ctxd.cache;

import java.util.Objects;

/**
 * An authenticated identity the daemon serves: {@code uid:1000} (the peer's uid on the unix
 * socket, from SO_PEERCRED), {@code token} (a holder of the daemon's bearer token on TCP),
 * {@code cert:<fingerprint>} (a verified TLS client certificate) or {@code tcp-anonymous}.
 * Tenants never see each other's contexts or chunks they did not upload themselves
 * (docs/security.md).
 *
 * <p>{@code owner} marks the daemon's own user: its context keys are stored as sent, so stores
 * made before tenants existed keep their contexts. Every other tenant's keys are stored as
 * {@code id + NUL + key}; a client's key may not contain NUL, so no tenant can name another's.
 */
public record Tenant(String id, boolean owner) {
  private static final int MAX_ID_CHARS = 200;

  public Tenant {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > MAX_ID_CHARS || id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("tenant id must have 1.." + MAX_ID_CHARS + " characters without NUL: " + id);
    }
  }

  public static Tenant uid(int uid, boolean owner) {
    return new Tenant("uid:" + Integer.toUnsignedString(uid), owner);
  }

  /** The key under which the store keeps this tenant's context {@code clientKey}. */
  public String scope(String clientKey) {
    if (clientKey.indexOf('\0') >= 0) throw new IllegalArgumentException("context key contains NUL");
    return owner ? clientKey : id + '\0' + clientKey;
  }

  @Override
  public String toString() {
    return id;
  }
}
