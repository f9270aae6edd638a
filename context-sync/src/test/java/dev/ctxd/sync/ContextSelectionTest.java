package dev.ctxd.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.ignore.PatternMatcher;
import dev.ctxd.sync.dockerfile.DockerfileException;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: the selection a build sends, over a real directory. */
class ContextSelectionTest {
  @TempDir Path dir;

  @BeforeEach
  void tree() throws Exception {
    Files.createDirectories(dir.resolve("src/deep"));
    Files.writeString(dir.resolve("src/deep/a.txt"), "aaaa");
    Files.writeString(dir.resolve("src/b.log"), "bb");
    Files.writeString(dir.resolve("big.bin"), "x".repeat(1000));
    Files.writeString(dir.resolve("Dockerfile"), "");
  }

  private List<String> sent(ContextSelection s) throws Exception {
    return TreeWalker.walk(dir, s.filter(), WalkListener.NONE).stream().map(w -> w.path().value()).toList();
  }

  private ContextSelection select(String dockerfile, String target) throws Exception {
    return ContextSelection.forDockerfile(dir, PatternMatcher.compile(List.of("**/*.log")), dockerfile, target, Map.of());
  }

  @Test
  void copyOfADirectory_sendsItAndItsParents_minusTheIgnoreFile() throws Exception {
    ContextSelection s = select("FROM alpine\nCOPY src/deep /x\n", null);
    assertThat(s.reduced()).isTrue();
    assertThat(s.includes()).containsExactly("src/deep");
    assertThat(sent(s)).containsExactly("src", "src/deep", "src/deep/a.txt");
    assertThat(DockerfileSkip.of(dir, s, 1, 4)).isEqualTo(new DockerfileSkip(2, 1000));
  }

  @Test
  void noInstructionReadsTheContext_sendsNothing() throws Exception {
    ContextSelection s = select("FROM alpine\nRUN echo hi\nADD https://example.com/x /x\n", null);
    assertThat(s.includes()).isEmpty();
    assertThat(sent(s)).isEmpty();
  }

  @Test
  void symlinkToTheRoot_fallsBackToWholeContext() throws Exception {
    Files.createSymbolicLink(dir.resolve("here"), Path.of("."));
    ContextSelection s = select("FROM alpine\nCOPY here /x\n", null);
    assertThat(s.reduced()).isFalse();
    assertThat(s.fallbackReason()).hasValue("a symlink on a copied path leads to the context root");
    assertThat(sent(s)).containsExactly("Dockerfile", "big.bin", "here", "src", "src/deep", "src/deep/a.txt");
    assertThat(DockerfileSkip.of(dir, s, 0, 0)).isEqualTo(DockerfileSkip.NONE);
  }

  @Test
  void unknownTarget_isADockerfileError() {
    assertThatThrownBy(() -> select("FROM alpine AS a\nCOPY src /x\n", "b"))
        .isInstanceOf(DockerfileException.class).hasMessage("target stage \"b\" could not be found");
  }
}
