package dev.ctxd.sync.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link LinkReader} over a real context directory; never follows a link in the last
 * component. Thread-safe; I/O errors other than a missing entry surface as
 * {@link UncheckedIOException}.
 */
public final class DirectoryLinkReader implements LinkReader {
  private final Path root;

  public DirectoryLinkReader(Path root) {
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
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("read link " + p, e);
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
    } catch (NoSuchFileException gone) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("list " + p, e);
    }
  }

  @Override
  public boolean exists(String relPath) {
    return Files.exists(resolve(relPath), LinkOption.NOFOLLOW_LINKS);
  }
}
