package dev.ctxd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a dockerignore tree vector (the vectors README's tree schema) into a fresh directory. */
final class VectorTrees {
  private VectorTrees() {}

  static Path write(Path ctx, JsonNode v) throws IOException {
    Files.createDirectories(ctx);
    for (JsonNode item : v.get("tree")) {
      Path p = ctx.resolve(item.get("path").asText());
      switch (item.get("type").asText()) {
        case "file" -> Files.write(p, item.path("content").asText("").getBytes(StandardCharsets.UTF_8));
        case "dir" -> Files.createDirectory(p);
        case "symlink" -> Files.createSymbolicLink(p, Path.of(item.get("target").asText()));
        case "hardlink" -> Files.createLink(p, ctx.resolve(item.get("target").asText()));
        default -> throw new IllegalArgumentException("tree type " + item.get("type"));
      }
    }
    if (!v.get("dockerignore").isNull()) {
      Files.write(ctx.resolve(".dockerignore"), v.get("dockerignore").asText().getBytes(StandardCharsets.UTF_8));
    }
    return ctx;
  }
}
