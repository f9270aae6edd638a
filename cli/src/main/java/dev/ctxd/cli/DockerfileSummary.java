package dev.ctxd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctxd.sync.ContextSelection;
import dev.ctxd.sync.DockerfileSkip;

/** How the build's summary and metadata tell what the Dockerfile let the transfer skip (issue 9). */
final class DockerfileSummary {
  private DockerfileSummary() {}

  static String line(ContextSelection selection, DockerfileSkip skipped) {
    if (selection.reduced()) {
      return "dockerfile: skipped " + Sizes.files(skipped.files()) + " (" + Sizes.human(skipped.bytes())
          + ") the build cannot read";
    }
    return "dockerfile: whole context sent (" + selection.fallbackReason().orElse("no reduction") + ")";
  }

  /** {@code {"reduced":..,"skippedFiles":..,"skippedBytes":..,"includes":[..],"fallback":..}}. */
  static ObjectNode json(ObjectMapper mapper, ContextSelection selection, DockerfileSkip skipped, String target) {
    ObjectNode node = mapper.createObjectNode();
    if (target != null) node.put("target", target);
    node.put("reduced", selection.reduced());
    node.put("skippedFiles", skipped.files());
    node.put("skippedBytes", skipped.bytes());
    if (selection.reduced()) {
      var includes = node.putArray("includes");
      selection.includes().forEach(includes::add);
    }
    selection.fallbackReason().ifPresent(why -> node.put("fallback", why));
    return node;
  }
}
