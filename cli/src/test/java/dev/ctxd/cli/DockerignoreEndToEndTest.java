package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 through the real CLI and daemon: a project with a real-world .dockerignore (node
 * modules, VCS, build outputs, logs with an exception, secrets) materializes exactly the set
 * Docker would send, and {@code ctx context ls} lists that same set.
 */
class DockerignoreEndToEndTest {
  private static final String DOCKERIGNORE = """
      # dependencies and VCS
      node_modules
      .git
      # build outputs
      build/
      dist
      **/target
      **/*.class
      # logs, but keep the one the image ships
      *.log
      !important.log
      # secrets
      .env
      secrets/
      **/*.pem
      """;
  /**
   * What Docker sends: `*.log` is anchored at the root, so logs/debug.log stays; `**\/target`
   * drops services/api/target but its parents, not excluded, stay (empty) as in any build.
   */
  private static final List<String> EXPECTED = List.of(".dockerignore", "Dockerfile", "certs", "certs/README",
      "important.log", "logs", "logs/debug.log", "package.json", "services", "services/api",
      "src", "src/app.js", "src/lib", "src/lib/util.js");

  @TempDir Path temp;
  private CtxHarness harness;
  private Path project;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    project = temp.resolve("webapp");
    write("Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY . .\n");
    write(".dockerignore", DOCKERIGNORE);
    write("package.json", "{\"name\":\"webapp\"}\n");
    write("src/app.js", "require('./lib/util')\n");
    write("src/lib/util.js", "module.exports = {}\n");
    write("src/lib/Util.class", "compiled\n");
    write("node_modules/left-pad/index.js", "module.exports = s => s\n");
    write("node_modules/.bin/left-pad", "#!/bin/sh\n");
    write(".git/HEAD", "ref: refs/heads/main\n");
    write(".git/objects/ab/cdef0123", "blob\n");
    write("build/out.bin", "binary\n");
    write("dist/app.min.js", "min\n");
    write("services/api/target/classes/A.class", "class\n");
    write("app.log", "noise\n");
    write("important.log", "shipped\n");
    write("logs/debug.log", "nested logs are not matched by *.log\n");
    write(".env", "API_KEY=hunter2\n");
    write("secrets/api-key", "hunter2\n");
    write("certs/server.pem", "-----BEGIN PRIVATE KEY-----\n");
    write("certs/README", "certificates live elsewhere\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void write(String rel, String text) throws Exception {
    Path p = project.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void realWorldIgnoreFile_materializesExactlyWhatDockerSends() throws Exception {
    Path metadata = temp.resolve("metadata.json");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString(), project.toString());
    assertThat(r.exitCode()).as("%s\n%s\n%s", r.out(), r.err(), harness.log()).isZero();
    JsonNode json = r.json(metadata);
    Path materialized = Path.of(json.at("/context/materializedPath").asText());
    assertThat(TreeSnapshot.of(materialized, Set.of()).keySet()).containsExactlyElementsOf(EXPECTED);
    assertThat(TreeSnapshot.of(materialized, Set.of())).isEqualTo(TreeSnapshot.of(project,
        Set.of("node_modules", ".git", "build", "dist", "services/api/target", "src/lib/Util.class", "app.log", ".env", "secrets", "certs/server.pem")));
    assertThat(json.at("/context/files").asLong()).isEqualTo(8);

    CtxHarness.Result ls = harness.ctx("context", "ls", project.toString());
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out().lines().map(l -> l.substring(l.indexOf('\t') + 1)).toList()).isEqualTo(EXPECTED);
    CtxHarness.Result digest = harness.ctx("context", "digest", project.toString());
    assertThat(digest.out().trim()).isEqualTo(json.at("/context/digest").asText());
  }

  @Test
  void ignoreFileExcludingTheDockerfile_stillBuilds_andLeavesThemOut() throws Exception {
    write(".dockerignore", DOCKERIGNORE + "Dockerfile\n.dockerignore\n");
    Path metadata = temp.resolve("metadata.json");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString(), project.toString());
    assertThat(r.exitCode()).as("%s\n%s", r.out(), r.err()).isZero();
    Path materialized = Path.of(r.json(metadata).at("/context/materializedPath").asText());
    assertThat(TreeSnapshot.of(materialized, Set.of()).keySet()).containsExactlyElementsOf(EXPECTED.subList(2, EXPECTED.size()));
  }

  @Test
  void patternError_failsTheBuildNamingLineAndPattern_andSendsNothing() throws Exception {
    write(".dockerignore", "node_modules\nsrc/[z-a]\n");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--host", harness.host(), project.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("ERROR: .dockerignore line 2:").contains("src/[z-a]");
    CtxHarness.Result ls = harness.ctx("context", "ls", project.toString());
    assertThat(ls.exitCode()).isEqualTo(1);
    assertThat(ls.out()).isEmpty();
    assertThat(ls.err()).contains("ERROR: .dockerignore line 2:").contains("src/[z-a]");
  }
}
