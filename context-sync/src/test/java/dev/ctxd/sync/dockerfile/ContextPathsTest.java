package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules of README A-C beyond the vectors: errors, fallbacks and quirks. */
class ContextPathsTest {
  private static ContextPathSet compute(String dockerfile, String target,
      Map<String, String> args) throws DockerfileException {
    return ContextPaths.compute(DockerfileParser.parse(dockerfile), target, args);
  }

  @Test
  void compute_unknownTarget_isAnError() {
    assertThatThrownBy(() -> compute("FROM a AS x\n", "y", Map.of()))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("target stage \"y\" could not be found");
  }

  @Test
  void compute_fromWithVariable_isAnErrorEvenInUnreachableStage() {
    assertThatThrownBy(() -> compute("FROM a AS x\nCOPY --from=$S /a /b\nFROM b\n", null,
        Map.of()))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile line 2: '--from' doesn't support variable expansion, define"
            + " alias stage instead");
  }

  @Test
  void compute_requiredVariable_failsTheBuild() {
    assertThatThrownBy(() -> compute("FROM a\nCOPY ${SRC:?unset} /d\n", null, Map.of()))
        .hasMessage("Dockerfile line 2: failed to process \"${SRC:?unset}\": SRC: unset");
    // Shell-form words are split before expansion, so a message with a space breaks the word.
    assertThatThrownBy(() -> compute("FROM a\nCOPY ${SRC:?set SRC} /d\n", null, Map.of()))
        .hasMessage("Dockerfile line 2: failed to process \"${SRC:?set\": syntax error:"
            + " missing '}'");
  }

  @Test
  void compute_tmpfsMount_recordsRootButDoesNotUseContext() throws Exception {
    ContextPathSet r = compute("FROM a\nRUN --mount=type=tmpfs,target=/t x\n", null, Map.of());

    assertThat(r.ctxPaths()).containsExactly("/");
    assertThat(r.contextUsed()).isFalse();
    assertThat(r.followPaths()).isNull();
  }

  @Test
  void compute_cacheAndSecretMounts_recordNothing() throws Exception {
    ContextPathSet r = compute("FROM a\nRUN --mount=type=cache,target=/c"
        + " --mount=type=secret,id=s x\n", null, Map.of());

    assertThat(r.ctxPaths()).isEmpty();
    assertThat(r.contextUsed()).isFalse();
  }

  @Test
  void compute_metaArgsExpandBaseNamesAndPlatformArgs() throws Exception {
    ContextPathSet r = compute("ARG BASE=build\nFROM alpine AS build\nCOPY a /\n"
        + "FROM alpine AS other\nCOPY b /\nFROM ${BASE}\nARG TARGETARCH\nCOPY $TARGETARCH /\n",
        null, Map.of("BASE", "other"));

    assertThat(r.reachedStages()).containsExactly("other", "stage-2");
    assertThat(r.followPaths()).containsExactly("amd64", "b");
  }

  @Test
  void compute_capitalisedBase_isAnInvalidImageNotTheStage() {
    assertThatThrownBy(() -> compute("FROM alpine AS builder\nFROM Builder\n", null, Map.of()))
        .hasMessageContaining("repository name (Builder) must be lowercase");
  }

  @Test
  void compute_unknownOnbuildTrigger_failsOnlyWhenTriggered() throws Exception {
    String df = "FROM a AS tmpl\nONBUILD BOGUS x\nFROM a\nCOPY f /\n";
    assertThat(compute(df, null, Map.of()).followPaths()).containsExactly("f");

    assertThatThrownBy(() -> compute(df + "FROM tmpl\n", null, Map.of()))
        .hasMessage("Dockerfile line 2: unknown instruction: BOGUS");
  }

  @Test
  void compute_syntaxDirective_fallsBackToWholeContext() throws Exception {
    ContextPathSet r = compute("# syntax=docker/dockerfile:1\nFROM a\nCOPY f /\n", null,
        Map.of());

    assertThat(r.wholeContext()).isTrue();
    assertThat(r.contextUsed()).isTrue();
    assertThat(r.fallbackReason()).isPresent();
  }

  @Test
  void compute_bindMountWithoutTargetAtRoot_isAnError() {
    assertThatThrownBy(() -> compute("FROM a\nRUN --mount=source=x make\n", null, Map.of()))
        .hasMessage("Dockerfile line 2: invalid mount target \"/\"");
  }
}
