package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.DfRequest;
import dev.ctxd.proto.v1.PruneRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** df and prune see and remove every tenant's contexts: only the daemon's operator may call them (issues 3, 5). */
class OperatorOnlyTest {
  @TempDir Path temp;
  private InProcessDaemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults());
    daemon.storeAsOwner("the owner's file\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
  }

  private ContextServiceGrpc.ContextServiceBlockingStub as(String tenant) {
    Metadata headers = new Metadata();
    headers.put(TestTenants.HEADER, tenant);
    return ContextServiceGrpc.newBlockingStub(daemon.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void anotherUid_isDeniedDfAndPrune_andNothingIsRemoved() throws Exception {
    for (Runnable call : new Runnable[] {
        () -> as("uid:1001").systemDf(DfRequest.getDefaultInstance()),
        () -> as("uid:1001").prune(PruneRequest.newBuilder().setAll(true).build()),
        () -> as("tcp-anonymous").prune(PruneRequest.newBuilder().setAll(true).build())}) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(e.getStatus().getDescription()).startsWith("ctx system df and ctx prune are for the daemon's operator");
      });
    }
    dev.ctxd.core.Digest chunk = Content.digest(Content.utf8("the owner's file\n"));
    assertThat(daemon.store.chunkLengths(java.util.List.of(chunk))).as("the owner's chunk is still there").containsKey(chunk);
  }

  @Test
  void tokenHolder_andOwner_mayPrune() {
    assertThat(as("token").systemDf(DfRequest.getDefaultInstance()).getSummariesCount()).isPositive();
    assertThat(ContextServiceGrpc.newBlockingStub(daemon.channel()).prune(PruneRequest.newBuilder().setAll(true).build()).getReclaimedBytes())
        .isPositive();
  }
}
