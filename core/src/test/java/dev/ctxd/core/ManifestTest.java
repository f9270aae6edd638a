package dev.ctxd.core;

import static dev.ctxd.core.Entries.dir;
import static dev.ctxd.core.Entries.file;
import static dev.ctxd.core.Entries.hardlink;
import static dev.ctxd.core.Entries.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  @Test
  void of_sortsIntoPathOrder() throws Exception {
    Manifest m = Manifest.of(List.of(file("a-b", 1), file("a/b", 2), dir("a"), file("a/c", 3)));
    assertThat(m.entries()).extracting(e -> e.path().value()).containsExactly("a", "a/b", "a/c", "a-b");
    assertThat(m.get(RelPath.of("a/c")).digest()).isEqualTo(new Digest(3));
    assertThat(m.get(RelPath.of("zz"))).isNull();
  }

  @Test
  void duplicate_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(file("x", 1), file("x", 2))))
        .isInstanceOf(InvalidManifestException.class).hasMessage("duplicate entry: x");
    assertThatThrownBy(() -> Manifest.of(List.of(dir("x"), file("x", 2))))
        .isInstanceOf(InvalidManifestException.class).hasMessage("duplicate entry: x");
  }

  @Test
  void orphan_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(file("a/b/c", 1), dir("a"))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("entry a/b/c has no parent directory entry a/b");
  }

  @Test
  void entryUnderSymlink_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(symlink("a", "/etc"), file("a/passwd", 1))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("entry a/passwd lies under a symlink, not a directory");
  }

  @Test
  void entryUnderFile_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(file("a", 1), file("a/b", 2))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("entry a/b lies under a file, not a directory");
  }

  @Test
  void hardlinkToEarlierFile_accepted() throws Exception {
    Manifest m = Manifest.of(List.of(dir("d"), file("d/a", 1), hardlink("d/b", "d/a")));
    assertThat(m.size()).isEqualTo(3);
    assertThat(m.contentBytes()).isEqualTo(3);
  }

  @Test
  void hardlinkToLaterFile_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(hardlink("a", "b"), file("b", 1))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("hard link a must name an earlier regular file, not b");
  }

  @Test
  void hardlinkToDirSymlinkOrMissing_rejected() {
    for (Entry target : List.of(dir("t"), symlink("t", "x"), hardlink("t", "f"))) {
      List<Entry> entries = new java.util.ArrayList<>(List.of(file("f", 1), target, hardlink("z", "t")));
      assertThatThrownBy(() -> Manifest.of(entries))
          .isInstanceOf(InvalidManifestException.class)
          .hasMessage("hard link z must name an earlier regular file, not t");
    }
    assertThatThrownBy(() -> Manifest.of(List.of(hardlink("z", "nothing"))))
        .hasMessage("hard link z must name an earlier regular file, not nothing");
  }

  @Test
  void hardlinkWithEscapingTarget_rejected() {
    assertThatThrownBy(() -> Manifest.of(List.of(new Entry(RelPath.of("z"), EntryType.HARDLINK, 0644, 0, 0, 0, 0, "../x", null, List.of()))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("hard link z: path has a '..' component");
  }

  @Test
  void equalsByEntries() throws Exception {
    assertThat(Manifest.of(List.of(file("a", 1), file("b", 2)))).isEqualTo(Manifest.of(List.of(file("b", 2), file("a", 1))));
    assertThat(Manifest.of(List.of())).isEqualTo(Manifest.empty());
  }
}
