package dev.ctxd.sync.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A {@link LinkReader} over a real directory, as the client walker will provide one. */
final class DirLinkReader implements LinkReader {
  private final Path root;

  DirLinkReader(Path root) {
    this.root = root;
  }

  private Path resolve(String rel) {
    return rel.equals(".") ? root : root.resolve(rel);
  }

  @Override
  public String readLink(String relPath) {
    Path p = resolve(relPath);
    if (!Files.isSymbolicLink(p)) {
      return null;
    }
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> list(String dirRelPath) {
    Path p = resolve(dirRelPath);
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.map(x -> x.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean exists(String relPath) {
    return Files.exists(resolve(relPath), LinkOption.NOFOLLOW_LINKS);
  }
}
