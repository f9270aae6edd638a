package dev.ctxd.sync.client;

import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.IgnoreFileLocator;
import dev.ctxd.ignore.PatternMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Dockerfile and the ignore rules it selects, read afresh for every sync so an edit to
 * .dockerignore (or {@code <Dockerfile>.dockerignore}) takes effect at once. BuildKit's rules,
 * as the CLI's {@code ContextInput} applies them.
 */
record BuildInput(String name, byte[] content, ContextFilter filter) {
  static BuildInput load(Path contextDir, String dockerfile) throws IOException {
    IgnoreFileLocator.Located located = IgnoreFileLocator.locate(contextDir, dockerfile);
    Path path = contextDir.resolve(located.dockerfileRel());
    PatternMatcher excludes = PatternMatcher.compile(located.patterns(), located.ignoreFileRel().orElse(".dockerignore"));
    return new BuildInput(path.getFileName().toString(), Files.readAllBytes(path), ContextFilter.of(excludes, null));
  }
}
