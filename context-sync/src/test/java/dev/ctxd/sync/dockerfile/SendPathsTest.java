package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ctxd's own send set (issue 9): where it deliberately differs from BuildKit's FollowPaths. */
class SendPathsTest {
  private static ContextPathSet compute(String dockerfile, Map<String, String> args) throws Exception {
    return ContextPaths.compute(DockerfileParser.parse(dockerfile), null, args);
  }

  @Test
  void sourceReadingBaseImageEnv_fallsBackToWholeContext() throws Exception {
    ContextPathSet r = compute("FROM golang\nCOPY $GOPATH/src /x\n", Map.of());
    assertThat(r.followPaths()).as("BuildKit-compatible view, image env unknown").containsExactly("src");
    assertThat(r.sendPaths()).isNull();
    assertThat(r.fallbackReason()).hasValue(
        "line 2 reads $GOPATH, which the Dockerfile leaves unset and the base image's ENV may set; sending the whole context");
  }

  @Test
  void argWithoutValue_inStageOnImage_fallsBack() throws Exception {
    ContextPathSet r = compute("FROM alpine\nARG APP\nCOPY ${APP}/bin /x\n", Map.of());
    assertThat(r.sendPaths()).isNull();
    assertThat(r.fallbackReason()).get().asString().contains("$APP");
  }

  @Test
  void argGivenAsBuildArg_orDefault_orOnScratch_isKnown() throws Exception {
    assertThat(compute("FROM alpine\nARG APP\nCOPY ${APP}/bin /x\n", Map.of("APP", "web")).sendPaths()).containsExactly("web/bin");
    assertThat(compute("FROM alpine\nARG APP=api\nCOPY $APP /x\n", Map.of()).sendPaths()).containsExactly("api");
    assertThat(compute("FROM alpine\nENV D=conf\nCOPY $D/a.yaml /x\n", Map.of()).sendPaths()).containsExactly("conf/a.yaml");
    ContextPathSet scratch = compute("FROM scratch\nCOPY $NOPE/a /x\n", Map.of());
    assertThat(scratch.sendPaths()).as("scratch has no ENV to hide").containsExactly("a");
    assertThat(scratch.fallbackReason()).isEmpty();
  }

  @Test
  void inheritedFromImageRootedStage_fallsBack_butNotFromScratchRooted() throws Exception {
    assertThat(compute("FROM node AS base\nFROM base\nCOPY $NODE_PATH/x /y\n", Map.of()).sendPaths()).isNull();
    assertThat(compute("FROM scratch AS base\nFROM base\nCOPY $NODE_PATH/x /y\n", Map.of()).sendPaths()).containsExactly("x");
  }

  @Test
  void bindMountSourceFromUnsetVariable_fallsBack_secretDoesNot() throws Exception {
    assertThat(compute("FROM alpine\nRUN --mount=type=bind,source=$SRC,target=/s make\nCOPY a /a\n", Map.of()).sendPaths()).isNull();
    assertThat(compute("FROM alpine\nRUN --mount=type=secret,id=$ID make\nCOPY a /a\n", Map.of()).sendPaths()).containsExactly("a");
  }

  @Test
  void tmpfsMountAndGitSource_doNotWidenWhatCtxdSends() throws Exception {
    ContextPathSet r = compute("FROM alpine\nCOPY app.sh /\nRUN --mount=type=tmpfs,target=/tmp ./app.sh\n"
        + "ADD git@github.com:moby/moby.git /src\n", Map.of());
    assertThat(r.followPaths()).as("BuildKit").isNull();
    assertThat(r.sendPaths()).isEqualTo(List.of("app.sh"));
  }
}
