package dev.ctxd.sync.dockerfile;

import java.util.Objects;

/**
 * A heredoc attached to COPY, ADD or RUN ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}).
 * {@code content} is the body as read, each line ending in a newline; {@code expand} is false when
 * the marker was quoted; {@code chomp} is the {@code -} form, whose leading tabs {@link #body()}
 * strips. Immutable.
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp,
    String content) {
  public Heredoc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }

  /** The body as BuildKit uses it: with leading tabs removed from every line for {@code <<-}. */
  public String body() {
    return chomp ? content.replaceAll("(?m)^\t+", "") : content;
  }

  Heredoc withContent(String newContent) {
    return new Heredoc(name, fileDescriptor, expand, chomp, newContent);
  }
}
