package dev.ctxd.server;

import dev.ctxd.cache.Tenant;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * In-process servers have no peer credentials: this interceptor takes the tenant from a test
 * header ({@link #HEADER}), the daemon owner's when absent. Tests only.
 */
final class TestTenants implements ServerInterceptor {
  static final Metadata.Key<String> HEADER = Metadata.Key.of("ctxd-test-tenant", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String id = headers.get(HEADER);
    Tenant tenant = id == null ? Tenant.uid(OwnerUid.get(), true) : new Tenant(id, false);
    return Contexts.interceptCall(Context.current().withValue(TenantInterceptor.TENANT, tenant), call, headers, next);
  }
}
