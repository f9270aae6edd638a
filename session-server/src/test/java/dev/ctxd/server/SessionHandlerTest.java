package dev.ctxd.server;

import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.chunk;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.dirEntry;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static dev.ctxd.server.TestSession.hello;
import static dev.ctxd.server.TestSession.symlinkEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: the happy path, then each kind of protocol violation and the status it ends with. */
class SessionHandlerTest {
  static final byte[] HI = Content.utf8("hello\n");
  @TempDir Path temp;
  InProcessDaemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new InProcessDaemon(temp.resolve("state"), new Limits(50, 1000, 20));
  }

  @AfterEach
  void tearDown() throws Exception {
    assertThat(daemon.store.check().problems()).isEmpty();
    daemon.close();
  }

  TestSession synced() throws Exception {
    TestSession s = daemon.session().send(hello("k")).send(begin(0));
    assertThat(s.next().hasHelloAck()).isTrue();
    assertThat(s.next().hasSyncReady()).isTrue();
    return s;
  }

  static void assertEnded(TestSession s, Status.Code code, String description) throws Exception {
    Status status = s.status();
    assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(description);
  }

  @Test
  void fullSyncThenBuild_materializesTheContext() throws Exception {
    TestSession s = synced();
    s.send(batch(dirEntry("src"), fileEntry("src/a.txt", HI), symlinkEntry("up", "../.."))).send(end(3, 0));
    ServerMessage missing = s.next();
    assertThat(missing.getMissing().getDigestsList()).containsExactly(Content.digest(HI).value());
    assertThat(s.next().getMissing().getLast()).isTrue();
    s.send(chunk(HI)).send(commit());
    ServerMessage committed = s.next();
    assertThat(committed.getCommitted().getVersion()).isEqualTo(1);
    assertThat(committed.getCommitted().getChunksReceived()).isEqualTo(1);
    s.send(TestSession.build());
    ServerMessage built = s.next();
    Path tree = Path.of(built.getBuildResult().getMaterializedPath());
    assertThat(Files.readString(tree.resolve("src/a.txt"))).isEqualTo("hello\n");
    assertThat(Files.readSymbolicLink(tree.resolve("up")).toString()).isEqualTo("../..");
    s.halfClose();
    assertThat(s.status().getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void chunkAlreadyStored_isNotRequestedAgain() throws Exception {
    daemon.storeAsOwner("hello\n");
    TestSession s = synced();
    s.send(batch(fileEntry("a", HI))).send(end(1, 0));
    assertThat(s.next().getMissing().getDigestsList()).isEmpty();
    assertThat(s.drain()).allMatch(m -> m.getMissing().getDigestsCount() == 0);
  }

  @Test
  void declaredRawSizeDiffersFromTheEntries() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    s.send(chunk(Content.digest(HI).value(), 5, Content.utf8("hello"), false));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " declares 5 bytes; the entries that use it need 6");
  }

  /** raw_size is a uint32: the largest reads as 4294967295, not -1. */
  @Test
  void declaredRawSizeAtTheUint32Maximum_isNamedUnsigned() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    s.send(chunk(Content.digest(HI).value(), -1, Content.utf8("hello\n"), false));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " declares 4294967295 bytes; the entries that use it need 6");
  }

  @Test
  void bytesSentDifferFromTheDeclaredSize() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    s.send(chunk(Content.digest(HI).value(), 6, Content.utf8("hello"), false));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " carries 5 bytes, not the declared 6");
  }

  @Test
  void lz4BlockDecompressingShort() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(Content.utf8("hello"));
    s.send(chunk(Content.digest(HI).value(), 6, block, true));
    assertThat(s.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.status().getDescription()).startsWith("chunk " + Content.digest(HI) + " ");
  }

  @Test
  void garbageLz4Block() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    s.send(chunk(Content.digest(HI).value(), 6, new byte[] {(byte) 0xff, 1, 2}, true));
    assertThat(s.status().getDescription()).startsWith("chunk " + Content.digest(HI) + " is not a valid LZ4 block: ");
    assertThat(s.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void hashMismatch_isNeverStored() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    byte[] forged = Content.utf8("HELLO\n");
    s.send(chunk(Content.digest(HI).value(), 6, forged, false));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " does not match its bytes, which hash to " + Content.digest(forged));
    assertThat(daemon.store.findMissing(List.of(Content.digest(HI), Content.digest(forged)))).hasSize(2);
  }

  @Test
  void unrequestedChunk() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0));
    byte[] other = Content.utf8("other");
    s.send(chunk(other));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(other) + " was not requested (or was already received)");
  }

  @Test
  void repeatedChunk() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0)).send(chunk(HI)).send(chunk(HI));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " was not requested (or was already received)");
  }

  @Test
  void declaredLengthDiffersFromTheStoredChunk() throws Exception {
    // Issue 5 regression: a present chunk's stored length was never compared with the entry's,
    // so a manifest could claim a size its chunks do not have and fail only at build time.
    daemon.storeAsOwner("hello\n");
    TestSession s = synced();
    dev.ctxd.proto.v1.Entry lying = fileEntry("a", HI).toBuilder().setSize(100).build();
    s.send(batch(lying));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " of entry a is declared with 100 bytes, but the chunk with that digest has 6");
  }

  @Test
  void oneChunkDeclaredWithTwoLengths() throws Exception {
    TestSession s = synced();
    s.send(batch(fileEntry("a", HI), fileEntry("b", HI).toBuilder().setSize(7).build()));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(HI) + " is declared with two lengths, 6 and 7 bytes (entry b)");
  }

  @Test
  void duplicateEntries_rejectedAtCommit() throws Exception {
    TestSession s = synced().send(batch(dirEntry("a"), dirEntry("a"))).send(end(2, 0));
    s.send(commit());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "the context is not a valid tree: duplicate entry: a");
  }

  @Test
  void entryUnderASymlink_rejectedAtCommit() throws Exception {
    daemon.storeAsOwner("hello\n");
    TestSession s = synced().send(batch(symlinkEntry("l", "/etc"), fileEntry("l/passwd", HI))).send(end(2, 0)).send(commit());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "the context is not a valid tree: entry l/passwd lies under a symlink, not a directory");
    assertThat(daemon.store.latestVersion("k")).isZero();
  }

  @Test
  void pathTooLongForTheDaemonsCopy_rejectedAtCommit_nothingCommitted() throws Exception {
    String component = "d".repeat(200);
    List<dev.ctxd.proto.v1.Entry> dirs = new java.util.ArrayList<>();
    String path = component;
    for (int level = 1; level <= 20; level++, path = path + "/" + component) dirs.add(dirEntry(path));
    String deepest = dirs.get(dirs.size() - 1).getPath(); // 4019 bytes: a valid path, but not under the copy's directory
    int max = daemon.context.materializer().maxPathBytes("k");
    assertThat(deepest.length()).isLessThan(4096).isGreaterThan(max);
    TestSession s = synced().send(batch(dirs.toArray(dev.ctxd.proto.v1.Entry[]::new))).send(end(20, 0)).send(commit());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "entry " + deepest.substring(0, 64) + "... is 4019 bytes long; this daemon's copy holds paths of at most "
        + max + " bytes (its own directory takes the rest of PATH_MAX)");
    assertThat(daemon.store.latestVersion("k")).isZero();
  }

  @Test
  void orphanEntry_rejectedAtCommit() throws Exception {
    TestSession s = synced().send(batch(dirEntry("a/b"))).send(end(1, 0)).send(commit());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "the context is not a valid tree: entry a/b has no parent directory entry a");
  }

  @Test
  void entriesEndCountsDiffer() throws Exception {
    TestSession s = synced().send(batch(dirEntry("a"))).send(end(2, 0));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "EntriesEnd counts 2 upserts and 0 removals, but 1 and 0 arrived");
  }

  @Test
  void removalsWithoutABase() throws Exception {
    TestSession s = synced().send(batch(List.of(), List.of("a")));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "removals sent without an accepted base version");
  }

  @Test
  void hostileRemovalPath() throws Exception {
    TestSession s = synced().send(batch(dirEntry("a"))).send(end(1, 0));
    s.next();
    s.send(commit());
    s.next();
    s.send(begin(1));
    assertThat(s.next().getSyncReady().getBaseAccepted()).isTrue();
    s.send(batch(List.of(), List.of("../a")));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "removed path rejected: path has a '..' component: \"../a\"");
  }

  @Test
  void removingWhatTheBaseLacks() throws Exception {
    TestSession s = synced().send(batch(dirEntry("a"))).send(end(1, 0)).send(commit()).send(begin(1));
    s.send(batch(List.of(), List.of("b"))).send(end(0, 1)).send(commit());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "the context is not a valid tree: delta removes b, which the base does not have");
    assertThat(daemon.store.latestVersion("k")).isEqualTo(1);
  }

  @Test
  void tooManyEntriesInOneBatch() throws Exception {
    TestSession s = synced();
    List<dev.ctxd.proto.v1.Entry> many = new java.util.ArrayList<>();
    for (int i = 0; i < 21; i++) many.add(dirEntry("d" + i));
    s.send(batch(many, List.of()));
    assertEnded(s, Status.Code.RESOURCE_EXHAUSTED, "an entry batch holds 21 entries; the limit is 20");
  }

  @Test
  void tooManyEntriesInTheContext() throws Exception {
    TestSession s = synced();
    for (int b = 0; b < 3; b++) {
      List<dev.ctxd.proto.v1.Entry> some = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) some.add(dirEntry("d" + b + "-" + i));
      s.send(batch(some, List.of()));
    }
    assertEnded(s, Status.Code.RESOURCE_EXHAUSTED, "the context has more than 50 entries, the daemon's limit");
  }

  @Test
  void tooManyBytesInTheContext() throws Exception {
    TestSession s = synced();
    s.send(batch(fileEntry("a", new byte[600]), fileEntry("b", new byte[401])));
    assertEnded(s, Status.Code.RESOURCE_EXHAUSTED, "the context holds more than 1000 bytes, the daemon's limit");
  }

  @Test
  void outOfOrder_beforeHello() throws Exception {
    TestSession s = daemon.session().send(begin(0));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "SyncBegin is not allowed now (session state await_hello)");
  }

  @Test
  void outOfOrder_helloTwice() throws Exception {
    TestSession s = daemon.session().send(hello("k")).send(hello("k"));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Hello is not allowed now (session state idle)");
  }

  @Test
  void outOfOrder_syncBeginTwice() throws Exception {
    TestSession s = synced().send(begin(0));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "SyncBegin is not allowed now (session state receiving_entries)");
  }

  @Test
  void outOfOrder_entriesAfterEnd() throws Exception {
    TestSession s = synced().send(end(0, 0)).send(batch(dirEntry("a")));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "EntryBatch is not allowed now (session state receiving_chunks)");
  }

  @Test
  void outOfOrder_commitBeforeEntriesEnd() throws Exception {
    TestSession s = synced().send(commit());
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Commit is not allowed now (session state receiving_entries)");
  }

  @Test
  void outOfOrder_commitBeforeTheChunks() throws Exception {
    TestSession s = synced().send(batch(fileEntry("a", HI))).send(end(1, 0)).send(commit());
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Commit before 1 requested chunks arrived, e.g. " + Content.digest(HI));
  }

  @Test
  void outOfOrder_chunkOutsideASync() throws Exception {
    TestSession s = daemon.session().send(hello("k")).send(chunk(HI));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Chunk outside a sync");
  }

  @Test
  void outOfOrder_buildDuringASync() throws Exception {
    TestSession s = synced().send(TestSession.build());
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Build is not allowed now (session state receiving_entries)");
  }

  @Test
  void emptyMessage() throws Exception {
    TestSession s = daemon.session().send(ClientMessage.getDefaultInstance());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "empty or unknown message kind KIND_NOT_SET");
  }

  @Test
  void noCommonProtocolVersion() throws Exception {
    TestSession s = daemon.session().send(ClientMessage.newBuilder().setHello(dev.ctxd.proto.v1.Hello.newBuilder().addProtocolVersions(7).setContextKey("k")).build());
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "no common protocol version: client speaks [7], daemon speaks [1, 2]; upgrade the older side");
  }

  @Test
  void hostileContextKey() throws Exception {
    TestSession s = daemon.session().send(hello("a\0b"));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "context key must be 1 to 4096 characters without NUL");
  }

  @Test
  void buildBeforeAnySync_failsButKeepsTheSession() throws Exception {
    TestSession s = daemon.session().send(hello("k"));
    s.next();
    s.send(TestSession.build());
    ServerMessage failure = s.next();
    assertThat(failure.getFailure().getCode()).isEqualTo("failed-precondition");
    assertThat(failure.getFailure().getMessage()).isEqualTo("nothing to build: sync the context before building");
    s.send(ClientMessage.newBuilder().setPing(dev.ctxd.proto.v1.Ping.newBuilder().setNonce(42)).build());
    assertThat(s.next().getPong().getNonce()).isEqualTo(42);
  }

  @Test
  void buildOfAVersionNotHeld_failsWithNotFound() throws Exception {
    TestSession s = daemon.session().send(hello("k"));
    s.next();
    s.send(TestSession.build().toBuilder().setBuild(TestSession.build().getBuild().toBuilder().setVersion(9)).build());
    ServerMessage failure = s.next();
    assertThat(failure.getFailure().getCode()).isEqualTo("not-found");
    assertThat(failure.getFailure().getMessage()).isEqualTo("version 9 of context k is not in the daemon's cache");
  }
}
