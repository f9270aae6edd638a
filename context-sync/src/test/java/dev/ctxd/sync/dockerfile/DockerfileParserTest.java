package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parser edge cases of README 3.3, with exact expectations. */
class DockerfileParserTest {
  private static Instruction only(String text) throws DockerfileSyntaxException {
    Dockerfile df = DockerfileParser.parse(text);
    return df.stages().get(0).instructions().get(0);
  }

  @Test
  void parse_escapeDirective_backtickContinuesLines() throws Exception {
    Dockerfile df = DockerfileParser.parse(
        "# escape=`\nFROM alpine\nCOPY a.txt `\n     b.txt /dst/\n");

    assertThat(df.escape()).isEqualTo('`');
    Instruction.Copy c = (Instruction.Copy) df.stages().get(0).instructions().get(0);
    assertThat(c.sources()).containsExactly("a.txt", "b.txt");
    assertThat(c.line()).isEqualTo(3);
  }

  @Test
  void parse_directivesAfterComment_areComments() throws Exception {
    Dockerfile df = DockerfileParser.parse("# hello\n# escape=`\n# syntax=x\nFROM alpine\n");

    assertThat(df.escape()).isEqualTo('\\');
    assertThat(df.syntax()).isEmpty();
  }

  @Test
  void parse_directiveKeysCaseInsensitive_andEachOnce() throws Exception {
    Dockerfile df = DockerfileParser.parse(
        "\uFEFF# SYNTAX = docker/dockerfile:1\n# Check=skip=all\nFROM alpine\n");
    assertThat(df.syntax()).contains("docker/dockerfile:1");
    assertThat(df.check()).contains("skip=all");

    assertThatThrownBy(() -> DockerfileParser.parse("# escape=`\n# escape=\\\nFROM a\n"))
        .hasMessage("Dockerfile line 2: only one escape parser directive can be used");
    assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nFROM a\n"))
        .hasMessage("Dockerfile line 1: invalid escape token 'x' does not match ` or \\");
  }

  @Test
  void parse_continuationWithCommentsAndEmptyLines_dropsThem() throws Exception {
    Instruction.Copy c = (Instruction.Copy) only(
        "FROM alpine\nCOPY a \\\n# comment\n\n   b \\\n  /dst/\nRUN x\n");

    assertThat(c.sources()).containsExactly("a", "b");
    assertThat(c.dest()).isEqualTo("/dst/");
    Dockerfile df = DockerfileParser.parse(
        "FROM alpine\nCOPY a \\\n# comment\n\n   b \\\n  /dst/\nRUN x\n");
    assertThat(df.stages().get(0).instructions().get(1).line()).isEqualTo(7);
  }

  @Test
  void parse_escapedEscapeAtEndOfLine_isNotAContinuation() throws Exception {
    Dockerfile df = DockerfileParser.parse("FROM alpine\nRUN echo \\\\\nRUN two\n");

    assertThat(df.stages().get(0).instructions()).hasSize(2);
    assertThat(((Instruction.Run) df.stages().get(0).instructions().get(0)).cmdLine())
        .containsExactly("echo \\\\");
  }

  @Test
  void parse_heredocs_keepBodiesAndMarkers() throws Exception {
    Dockerfile df = DockerfileParser.parse("FROM alpine\n"
        + "COPY <<EOF <<-\"END\" a.txt /dst/\nhello $X\nEOF\n\tbody\n\tEND\n"
        + "RUN <<EOF\necho hi\nEOF\n");
    List<Instruction> ins = df.stages().get(0).instructions();

    Instruction.Copy c = (Instruction.Copy) ins.get(0);
    assertThat(c.sources()).containsExactly("a.txt");
    assertThat(c.heredocs()).containsExactly(
        new Heredoc("EOF", 0, true, false, "hello $X\n"),
        new Heredoc("END", 0, false, true, "\tbody\n"));
    assertThat(c.heredocs().get(1).body()).isEqualTo("body\n");
    Instruction.Run r = (Instruction.Run) ins.get(1);
    assertThat(r.line()).isEqualTo(7);
    assertThat(r.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo hi\n"));
  }

  @Test
  void parse_unterminatedHeredoc_isAnError() {
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUN <<EOF\necho\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile line 2: unterminated heredoc");
  }

  @Test
  void parse_jsonForm_keepsWhitespace_andRejectsNonStrings() throws Exception {
    Instruction.Copy c = (Instruction.Copy) only("FROM a\nCOPY [\"my file\", \"/d/\"]\n");
    assertThat(c.sources()).containsExactly("my file");
    assertThat(c.json()).isTrue();

    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY [\"a\", 1, \"/d\"]\n"))
        .hasMessage("Dockerfile line 2: when using JSON array syntax, arrays must be comprised"
            + " of strings only");
  }

  @Test
  void parse_invalidJson_fallsBackToWhitespaceSplitWithoutQuotes() throws Exception {
    Instruction.Copy c = (Instruction.Copy) only("FROM a\nCOPY [\"a\" \"my file\" /d\n");

    assertThat(c.sources()).containsExactly("[\"a\"", "\"my", "file\"");
    assertThat(c.json()).isFalse();
  }

  @Test
  void parse_flags_quotedRepeatableBooleanAndDoubleDash() throws Exception {
    Instruction.Copy c = (Instruction.Copy) only("FROM a\nCOPY --from=\"Build\" --link"
        + " --exclude=*.md --exclude='x y' --parents=false -- --weird /d\n");

    assertThat(c.from()).isEqualTo("Build");
    assertThat(c.link()).isTrue();
    assertThat(c.parents()).isFalse();
    assertThat(c.excludes()).containsExactly("*.md", "x y");
    assertThat(c.sources()).containsExactly("--weird");
  }

  @Test
  void parse_badFlags_areErrors() {
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY --nope=1 a b\n"))
        .hasMessage("Dockerfile line 2: unknown flag: nope");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY --from=a --from=b a b\n"))
        .hasMessage("Dockerfile line 2: duplicate flag specified: from");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY --from a b\n"))
        .hasMessage("Dockerfile line 2: missing a value on flag: from");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY --link=yes a b\n"))
        .hasMessage("Dockerfile line 2: expecting boolean value for flag link, not: yes");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nADD --from=x a b\n"))
        .hasMessage("Dockerfile line 2: unknown flag: from");
  }

  @Test
  void parse_runMounts_csvWithSynonyms() throws Exception {
    Instruction.Run r = (Instruction.Run) only(
        "FROM a\nRUN --mount=type=cache,dst=/c,id=x --mount=\"src=a,ro\" --mount=from=b make\n");

    assertThat(r.mounts()).extracting(RunMount::type, RunMount::source, RunMount::target,
            RunMount::from)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cache", "", "/c", ""),
            org.assertj.core.groups.Tuple.tuple("bind", "a", "", ""),
            org.assertj.core.groups.Tuple.tuple("bind", "", "", "b"));
    assertThat(r.mounts().get(0).options()).isEqualTo(Map.of("id", "x"));
    assertThat(r.cmdLine()).containsExactly("make");
  }

  @Test
  void parse_mountFromWithVariable_isAnError() {
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUN --mount=from=$X,target=/t x\n"))
        .hasMessage("Dockerfile line 2: 'from' doesn't support variable expansion, define alias"
            + " stage instead");
  }

  @Test
  void parse_stages_namesLowerCasedAndValidated() throws Exception {
    Dockerfile df = DockerfileParser.parse("ARG V=1\nfrom --platform=$BUILDPLATFORM img:$V"
        + " As Build\nFROM build\n");

    assertThat(df.metaArgs()).containsExactly(new Instruction.Arg(1,
        List.of(new Instruction.ArgDef("V", Optional.of("1")))));
    assertThat(df.stages()).extracting(Stage::name, Stage::baseName, Stage::displayName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("build", "img:$V", "build"),
            org.assertj.core.groups.Tuple.tuple("", "build", "stage-1"));
    assertThat(df.stages().get(0).from().platform()).isEqualTo("$BUILDPLATFORM");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a AS 1x\n"))
        .hasMessage("Dockerfile line 1: invalid name for build stage: \"1x\", name can't start"
            + " with a number or contain symbols");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a b\n"))
        .hasMessage("Dockerfile line 1: FROM requires either one or three arguments");
  }

  @Test
  void parse_structuralErrors() {
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nFOO bar\n"))
        .hasMessage("Dockerfile line 2: unknown instruction: FOO");
    assertThatThrownBy(() -> DockerfileParser.parse("RUN x\nFROM a\n"))
        .hasMessage("Dockerfile line 1: no build stage in current context");
    assertThatThrownBy(() -> DockerfileParser.parse("# only a comment\n\n"))
        .hasMessage("Dockerfile line 2: file with no instructions");
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nCOPY x\n"))
        .hasMessage("Dockerfile line 2: COPY requires at least two arguments, but only one was"
            + " provided. Destination could not be determined");
    String longLine = "FROM a\nRUN " + "x".repeat(LineParser.MAX_LINE_BYTES) + "\n";
    assertThatThrownBy(() -> DockerfileParser.parse(longLine))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessageStartingWith("Dockerfile line 2: line longer than 65535 bytes");
  }

  @Test
  void parse_envAndArg_forms() throws Exception {
    Dockerfile df = DockerfileParser.parse(
        "FROM a\nENV A=1 B=\"x y\"\nENV LEGACY some value\nARG K V=2\n");
    List<Instruction> ins = df.stages().get(0).instructions();

    assertThat(ins.get(0)).isEqualTo(new Instruction.Env(2, List.of(
        new Instruction.KeyValue("A", "1"), new Instruction.KeyValue("B", "\"x y\""))));
    assertThat(ins.get(1)).isEqualTo(new Instruction.Env(3, List.of(
        new Instruction.KeyValue("LEGACY", "some value"))));
    assertThat(ins.get(2)).isEqualTo(new Instruction.Arg(4, List.of(
        new Instruction.ArgDef("K", Optional.empty()), new Instruction.ArgDef("V",
            Optional.of("2")))));
  }

  @Test
  void parse_onbuild_holdsParsedTrigger() throws Exception {
    Dockerfile df = DockerfileParser.parse(
        "FROM a\nONBUILD copy --from=x /a /b\nONBUILD BOGUS y\n");
    Instruction.Onbuild ob = (Instruction.Onbuild) df.stages().get(0).instructions().get(0);

    assertThat(ob.expression()).isEqualTo("copy --from=x /a /b");
    assertThat(ob.trigger()).get().isInstanceOfSatisfying(Instruction.Copy.class,
        c -> assertThat(c.from()).isEqualTo("x"));
    // BuildKit accepts an unknown trigger until a child stage runs it.
    assertThat(((Instruction.Onbuild) df.stages().get(0).instructions().get(1)).trigger())
        .isEmpty();
    assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nONBUILD ONBUILD RUN x\n"))
        .hasMessage("Dockerfile line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  }
}
