package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 through the real CLI and daemon: a monorepo whose Dockerfile's {@code api} stage copies
 * one service's directory sends only that directory; a change outside it sends nothing; the
 * {@code full} target, which also copies {@code libs}, then gets only the difference.
 */
class DockerfileAwareEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;
  private Path repo;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    repo = temp.resolve("monorepo");
    write("Dockerfile", """
        FROM golang:1.22 AS api
        WORKDIR /src
        COPY services/api ./api
        RUN go build ./api

        FROM golang:1.22 AS full
        ARG LIBS=libs
        COPY services/api /src/api
        COPY ${LIBS} /src/libs
        """);
    write(".dockerignore", "**/*.tmp\n");
    write("services/api/main.go", "package main\n\nfunc main() {}\n");
    write("services/api/go.mod", "module example.com/api\n");
    write("services/api/scratch.tmp", "ignored even inside the copied dir\n");
    write("services/web/index.html", "<html></html>\n");
    write("services/web/app.js", "console.log('web')\n");
    write("libs/shared/lib.go", "package shared\n");
    write("docs/handbook.md", "x".repeat(50_000));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void write(String rel, String text) throws Exception {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private long size(String... rels) throws Exception {
    long total = 0;
    for (String r : rels) total += Files.size(repo.resolve(r));
    return total;
  }

  private record Build(JsonNode json, String out) {
    Path materialized() {
      return Path.of(json.at("/context/materializedPath").asText());
    }
  }

  private Build build(String... extra) throws Exception {
    Path metadata = temp.resolve("metadata.json");
    Files.deleteIfExists(metadata);
    List<String> args = new ArrayList<>(List.of("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString()));
    args.addAll(List.of(extra));
    args.add(repo.toString());
    CtxHarness.Result r = harness.ctx(args.toArray(String[]::new));
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s\ndaemon log:\n%s", r.out(), r.err(), harness.log()).isZero();
    return new Build(r.json(metadata), r.out());
  }

  @Test
  void targetCopyingOneService_sendsOnlyIt_thenOtherTargetGetsOnlyTheDifference() throws Exception {
    Build api = build("--target", "api");
    assertThat(TreeSnapshot.of(api.materialized(), Set.of()).keySet())
        .containsExactly("services", "services/api", "services/api/go.mod", "services/api/main.go");
    assertThat(api.json().at("/context/files").asLong()).isEqualTo(2);
    assertThat(api.json().at("/transfer/filesSent").asLong()).isEqualTo(2);
    assertThat(api.json().at("/transfer/contentBytes").asLong()).isEqualTo(size("services/api/main.go", "services/api/go.mod"));
    // Left behind: Dockerfile, .dockerignore, web (2), libs (1), docs (1); *.tmp never counted.
    assertThat(api.json().at("/dockerfile/skippedFiles").asLong()).isEqualTo(6);
    assertThat(api.json().at("/dockerfile/skippedBytes").asLong()).isEqualTo(size("Dockerfile", ".dockerignore",
        "services/web/index.html", "services/web/app.js", "libs/shared/lib.go", "docs/handbook.md"));
    assertThat(api.json().at("/dockerfile/includes").toString()).isEqualTo("[\"services/api\"]");
    assertThat(api.out()).contains("dockerfile: skipped 6 files (" + Sizes.human(api.json().at("/dockerfile/skippedBytes").asLong()) + ")");

    write("docs/handbook.md", "y".repeat(60_000));
    write("services/web/app.js", "console.log('changed')\n");
    Build unchanged = build("--target", "api");
    assertThat(unchanged.json().at("/transfer/filesSent").asLong()).as("changes outside services/api").isZero();
    assertThat(unchanged.json().at("/transfer/contentBytes").asLong()).isZero();
    assertThat(unchanged.json().at("/context/digest").asText()).isEqualTo(api.json().at("/context/digest").asText());

    Build full = build("--target", "full");
    assertThat(full.json().at("/transfer/filesSent").asLong()).as("only libs/shared/lib.go is new").isEqualTo(1);
    assertThat(full.json().at("/transfer/contentBytes").asLong()).isEqualTo(size("libs/shared/lib.go"));
    assertThat(TreeSnapshot.of(full.materialized(), Set.of()).keySet()).containsExactly(
        "libs", "libs/shared", "libs/shared/lib.go", "services", "services/api", "services/api/go.mod", "services/api/main.go");
    assertThat(TreeSnapshot.of(full.materialized(), Set.of()))
        .isEqualTo(TreeSnapshot.of(repo, Set.of("Dockerfile", ".dockerignore", "docs", "services/web", "services/api/scratch.tmp")));

    CtxHarness.Result digest = harness.ctx("context", "digest", "--target", "full", repo.toString());
    assertThat(digest.exitCode()).as(digest.err()).isZero();
    assertThat(digest.out().trim()).as("ctx context digest --target agrees with the build").isEqualTo(full.json().at("/context/digest").asText());
  }

  @Test
  void buildArgWideningTheCopy_isHonoured_andLsShowsTheReducedSet() throws Exception {
    CtxHarness.Result ls = harness.ctx("context", "ls", "-f", repo.resolve("Dockerfile").toString(), "--target", "full", "--build-arg", "LIBS=docs", repo.toString());
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out()).isEqualTo("dir\tdocs\nfile\tdocs/handbook.md\ndir\tservices\ndir\tservices/api\n"
        + "file\tservices/api/go.mod\nfile\tservices/api/main.go\n");
    Build docs = build("--target", "full", "--build-arg", "LIBS=docs");
    assertThat(docs.json().at("/transfer/filesSent").asLong()).isEqualTo(3);
    assertThat(docs.materialized().resolve("docs/handbook.md")).hasSize(50_000);
    assertThat(docs.materialized().resolve("libs")).doesNotExist();
  }

  @Test
  void copyOfTheWholeContext_fallsBackAndSaysSo() throws Exception {
    write("Dockerfile", "FROM alpine\nCOPY . /src\n");
    Build whole = build();
    assertThat(whole.json().at("/dockerfile/reduced").asBoolean()).isFalse();
    assertThat(whole.json().at("/dockerfile/fallback").asText()).isEqualTo("the Dockerfile copies the whole context");
    assertThat(whole.json().at("/context/files").asLong()).isEqualTo(8);
    assertThat(whole.out()).contains("dockerfile: whole context sent (the Dockerfile copies the whole context)");
  }
}
