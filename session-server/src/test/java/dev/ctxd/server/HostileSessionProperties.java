package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Entry;
import dev.ctxd.proto.v1.EntryType;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 5: generated sequences of well-formed, malformed and hostile messages, in any order,
 * against the real handler and store. Whatever arrives: no INTERNAL or UNKNOWN status, no file
 * outside the state dir, and a consistent store afterwards.
 */
class HostileSessionProperties {
  private static final String[] PATHS = {"a", "b", "a/b", "a/b/c", "l/x", ".ctxd-tmp-a", "..\\x", "..", "../x", "/abs", "a//b", "", "a\0", ".", "a/./b", "é", "x".repeat(256)};
  private static final String[] TEXTS = {"", "hi", "hello\n", "x".repeat(100)};
  // From a file at tree/NAME, four levels up is the property's temp dir: the canary's home.
  private static final String[] TARGETS = {"../..", "/", "a", "..\\..", "../../../../outside/victim", "../../../../outside", "b"};
  private static final EntryType[] TYPES = {EntryType.FILE, EntryType.FILE, EntryType.DIR, EntryType.DIR, EntryType.SYMLINK, EntryType.HARDLINK, EntryType.ENTRY_TYPE_UNSPECIFIED};

  @Property(tries = 60)
  void hostileSessions_endCleanly(@ForAll("sessions") List<Action> actions) throws Exception {
    Path temp = Files.createTempDirectory("hostile");
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "untouched");
    try (InProcessDaemon daemon = new InProcessDaemon(temp.resolve("state"), new Limits(30, 10_000, 8))) {
      TestSession s = daemon.session();
      Client client = new Client(s);
      for (Action a : actions) client.run(a);
      s.halfClose();
      Status status = s.status();
      Statistics.label("status").collect(status.getCode());
      Statistics.label("reached").collect(client.committed > 0 ? (client.built > 0 ? "built" : "committed") : "no commit");
      assertThat(status.getCode()).as("%s after %s", status, actions).isNotIn(Status.Code.INTERNAL, Status.Code.UNKNOWN);
      assertThat(client.failures).as("failures").noneMatch(f -> f.startsWith("internal"));
      assertThat(daemon.store.check().problems()).as("store problems after %s", actions).isEmpty();
      try (Stream<Path> top = Files.list(temp); Stream<Path> out = Files.list(outside)) {
        assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state", "outside");
        assertThat(out.map(p -> p.getFileName().toString())).containsExactly("victim");
      }
      assertThat(Files.readString(outside.resolve("victim"))).isEqualTo("untouched");
    } finally {
      deleteAll(temp);
    }
  }

  /** What the generated client does next. */
  record Action(int kind, int a, int b, List<Entry> entries) {
    @Override
    public String toString() {
      String[] names = {"hello", "begin", "entries", "end", "upload", "badUpload", "randomChunk", "commit", "build", "ping", "empty", "removals", "uploadAll"};
      return names[kind] + "(" + a + "," + b + (entries.isEmpty() ? "" : "," + entries.stream().map(e -> e.getType() + ":" + e.getPath()).toList()) + ")";
    }
  }

  /** Plays actions, remembering what the daemon asked for so uploads can be right or subtly wrong. */
  private static final class Client {
    final TestSession s;
    final List<Long> requested = new ArrayList<>();
    final Map<Long, byte[]> content = new HashMap<>();
    final List<String> failures = new ArrayList<>();
    long upserts;
    long removals;
    int committed;
    int built;

    Client(TestSession s) {
      this.s = s;
      for (String t : TEXTS) content.put(Content.digest(Content.utf8(t)).value(), Content.utf8(t));
    }

    void run(Action a) {
      ClientMessage m = switch (a.kind) {
        case 0 -> a.a == 0 ? TestSession.hello("k") : TestSession.hello(a.a == 1 ? "" : "k\0");
        case 1 -> { upserts = 0; removals = 0; yield TestSession.begin(a.a % 3); }
        case 2 -> { upserts += a.entries.size(); yield TestSession.batch(a.entries, List.of()); }
        case 3 -> a.a == 0 ? TestSession.end(upserts, removals) : TestSession.end(a.a, a.b);
        case 4, 5 -> upload(a);
        default -> { uploadAll(a.a == 5); yield null; }
        case 6 -> TestSession.chunk((long) a.a * 31 + a.b, a.b, new byte[a.b], false);
        case 7 -> TestSession.commit();
        case 8 -> TestSession.build().toBuilder().setBuild(TestSession.build().getBuild().toBuilder().setFresh(a.a == 1).setVersion(a.b % 3)).build();
        case 9 -> ClientMessage.newBuilder().setPing(dev.ctxd.proto.v1.Ping.newBuilder().setNonce(a.a)).build();
        case 10 -> ClientMessage.getDefaultInstance();
        case 11 -> { removals++; yield TestSession.batch(List.of(), List.of(PATHS[a.a % PATHS.length])); }
      };
      if (m != null) s.send(m);
      for (ServerMessage r : s.drain()) {
        if (r.hasMissing()) requested.addAll(r.getMissing().getDigestsList());
        if (r.hasFailure()) failures.add(r.getFailure().getCode());
        if (r.hasCommitted()) committed++;
        if (r.hasBuildResult()) built++;
      }
    }

    private void uploadAll(boolean corruptOne) {
      while (!requested.isEmpty()) {
        long digest = requested.remove(0);
        byte[] raw = content.get(digest);
        if (raw == null) continue;
        s.send(corruptOne ? TestSession.chunk(digest, raw.length, Content.utf8("forged!"), false) : TestSession.chunk(raw));
        corruptOne = false;
      }
    }

    private ClientMessage upload(Action a) {
      if (requested.isEmpty()) return null;
      long digest = requested.remove(a.a % requested.size());
      byte[] raw = content.get(digest);
      if (raw == null) return null;
      if (a.kind == 4) return TestSession.chunk(raw);
      return switch (a.b % 3) {
        case 0 -> TestSession.chunk(digest, raw.length, Content.utf8("forged"), false);
        case 1 -> TestSession.chunk(digest, raw.length + 1, raw, false);
        default -> TestSession.chunk(digest, raw.length, raw, true);
      };
    }
  }

  @Provide
  Arbitrary<List<Action>> sessions() {
    Arbitrary<Entry> hostile = Combinators.combine(
        Arbitraries.integers().between(0, PATHS.length - 1),
        Arbitraries.integers().between(0, TYPES.length - 1),
        Arbitraries.integers().between(0, TEXTS.length - 1),
        Arbitraries.integers().between(0, TARGETS.length - 1),
        Arbitraries.integers().between(0, 9)).as(HostileSessionProperties::entry);
    Arbitrary<Action> anything = Combinators.combine(
        Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 7),
        hostile.list().ofMaxSize(6)).as((k, a, b, es) -> new Action(k, a, b, k == 2 ? es : List.of()));
    // Mostly whole, valid rounds (sync, upload, commit, build) over changing trees, so the runs
    // reach every state; then a few arbitrary actions inserted anywhere.
    Arbitrary<List<Action>> round = Combinators.combine(
        Arbitraries.integers().between(0, 2), validTree(), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2))
        .as((base, tree, corrupt, fresh) -> List.of(
            new Action(1, base, 0, List.of()), new Action(2, 0, 0, tree), new Action(3, 0, 0, List.of()),
            new Action(12, corrupt, 0, List.of()), new Action(7, 0, 0, List.of()), new Action(8, fresh, 0, List.of())));
    Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, 40).list().ofMaxSize(3);
    return Combinators.combine(round.list().ofMinSize(1).ofMaxSize(3), positions, anything.list().ofSize(3)).as((rounds, at, extra) -> {
      List<Action> all = new ArrayList<>(List.of(new Action(0, 0, 0, List.of())));
      rounds.forEach(all::addAll);
      for (int i = 0; i < at.size(); i++) all.add(Math.min(at.get(i), all.size()), extra.get(i));
      return all;
    });
  }

  /** A valid tree drawn from a template: "a" is a directory or a symlink out, files change content. */
  private static Arbitrary<List<Entry>> validTree() {
    return Combinators.combine(Arbitraries.integers().between(0, (1 << 9) - 1), Arbitraries.integers().between(0, TEXTS.length - 1),
        Arbitraries.integers().between(0, TARGETS.length - 1)).as((mask, text, target) -> {
          byte[] bytes = Content.utf8(TEXTS[text]);
          List<Entry> t = new ArrayList<>();
          boolean aIsDir = (mask & 1) != 0;
          t.add(aIsDir ? TestSession.dirEntry("a") : TestSession.symlinkEntry("a", TARGETS[target]));
          if (aIsDir && (mask & 2) != 0) {
            t.add(TestSession.dirEntry("a/b").toBuilder().setMode((mask & 4) != 0 ? 0555 : 0755).build());
            t.add(TestSession.fileEntry("a/b/c", bytes));
          }
          if ((mask & 8) != 0) t.add(TestSession.fileEntry("b", bytes));
          if ((mask & 8) != 0 && (mask & 16) != 0) t.add(Entry.newBuilder().setPath("h").setType(EntryType.HARDLINK).setMode(0644).setLinkTarget("b").build());
          if ((mask & 32) != 0) t.add(TestSession.symlinkEntry(".ctxd-tmp-d", "../../../../outside/victim"));
          if ((mask & 64) != 0) t.add(TestSession.fileEntry("d", Content.utf8(TEXTS[(text + 1) % TEXTS.length])));
          if ((mask & 128) != 0) t.add(TestSession.fileEntry("é", bytes));
          if ((mask & 256) != 0) t.add(TestSession.fileEntry("..\\x", bytes));
          return t;
        });
  }

  private static Entry entry(int path, int type, int text, int target, int twist) {
    byte[] bytes = Content.utf8(TEXTS[text]);
    Entry.Builder b = Entry.newBuilder().setPath(PATHS[path]).setType(TYPES[type]).setMode(twist == 9 ? 0100644 : 0644);
    switch (TYPES[type]) {
      case FILE -> b.setSize(twist == 8 ? bytes.length + 1 : bytes.length).setDigest(twist == 7 ? 12345 : Content.digest(bytes).value());
      case SYMLINK -> b.setLinkTarget(TARGETS[target]).setSize(TARGETS[target].length());
      case HARDLINK -> b.setLinkTarget(PATHS[target % 6]);
      case DIR -> b.setMode(twist == 6 ? 0555 : 0755);
      default -> { }
    }
    return b.build();
  }

  private static void deleteAll(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(p) && Files.isDirectory(p)) Files.setAttribute(p, "unix:mode", 0700);
        Files.delete(p);
      }
    }
  }
}
