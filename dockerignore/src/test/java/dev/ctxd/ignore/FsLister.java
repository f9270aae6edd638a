package dev.ctxd.ignore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Test-only lister over a real directory: lstat semantics, links never followed. */
final class FsLister implements DirectoryLister<FsLister.Attrs> {
  /** What the test needs to render an entry: type, link text and inode identity. */
  record Attrs(String type, String linkTarget, String inode, long links) {}

  private final Path root;

  FsLister(Path root) {
    this.root = root;
  }

  @Override
  public List<Child<Attrs>> list(String dirRelPath) throws IOException {
    Path dir = dirRelPath.isEmpty() ? root : root.resolve(dirRelPath);
    List<Child<Attrs>> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String type = a.isDirectory() ? "dir" : a.isSymbolicLink() ? "symlink"
            : a.isRegularFile() ? "file" : "other";
        String target = a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : null;
        String inode = Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":"
            + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        long links = ((Number) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
            .longValue();
        out.add(new Child<>(p.getFileName().toString(), a.isDirectory(),
            new Attrs(type, target, inode, links)));
      }
    }
    return out;
  }
}
