package dev.ctxd.sync.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ctxd.ignore.IgnoreFile;
import dev.ctxd.ignore.PatternMatcher;
import dev.ctxd.sync.ContextSelection;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import dev.ctxd.sync.walk.WalkListener;
import dev.ctxd.sync.walk.WalkedEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one case's transfer through the production path: the case tree on disk,
 * {@link ContextSelection} (FollowLinks, the .dockerignore on top) and the real
 * {@link TreeWalker}. Entries come back in the vectors' {@code name/type/linkname} form.
 */
final class CaseTransfers {
  private CaseTransfers() {}

  record Sent(String name, String type, String linkname) {
    static Sent of(JsonNode e) {
      return new Sent(e.get("name").asText(), e.get("type").asText(),
          e.has("linkname") ? e.get("linkname").asText() : null);
    }
  }

  static List<Sent> expectedEntries(JsonNode c) {
    List<Sent> out = new ArrayList<>();
    c.get("expected").get("entries").forEach(e -> out.add(Sent.of(e)));
    return out;
  }

  static List<Sent> send(JsonNode c, Path root) throws Exception {
    TestTrees.write(root, c.get("tree"));
    JsonNode ignore = c.get("dockerignore");
    PatternMatcher excludes = ignore == null || ignore.isNull() ? null
        : PatternMatcher.compile(IgnoreFile.parseWithLines(ignore.asText()), ".dockerignore");
    ContextSelection selection = ContextSelection.forPaths(root, excludes, CasesTest.run(c));
    List<Sent> out = new ArrayList<>();
    for (WalkedEntry w : TreeWalker.walk(root, selection.filter(), WalkListener.NONE)) {
      String type = w.hardlinkTo() != null ? "hardlink" : switch (w.stat().kind()) {
        case DIR -> "dir";
        case SYMLINK -> "symlink";
        default -> "file";
      };
      String link = w.hardlinkTo() != null ? w.hardlinkTo().value() : w.linkTarget();
      out.add(new Sent(w.path().value(), type, w.stat().kind() == FileStat.Kind.DIR ? null : link));
    }
    return out;
  }

  static List<String> files(List<Sent> entries) {
    List<String> out = new ArrayList<>();
    for (Sent s : entries) {
      if (!s.type().equals("dir")) {
        out.add(s.name());
      }
    }
    out.sort(ContextPaths.BYTEWISE);
    return out;
  }
}
