package dev.ctxd.sync.dockerfile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies COPY/ADD sources and base names like BuildKit: HTTP and git sources
 * (convert_copy.go isHTTPSource/isGitSource over gitutil.ParseGitRef) and image references
 * (distribution's ParseNormalizedNamed, which every non-stage base must pass).
 */
final class SourceKinds {
  private static final Pattern SCP_LIKE =
      Pattern.compile("^([a-zA-Z0-9-_]+)@([a-zA-Z0-9-.]+):(.*?)(?:#(.*))?$", Pattern.DOTALL);
  private static final Pattern PROTO = Pattern.compile("^[a-zA-Z0-9]+://");

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
      + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String NAME = "(?:" + HOST + "(?::[0-9]+)?/)?" + PATH_COMPONENT
      + "(?:/" + PATH_COMPONENT + ")*";
  private static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")"
      + "(?::[\\w][\\w.-]{0,127})?"
      + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");

  private SourceKinds() {}

  static boolean isHttpSource(String src) {
    if (!src.startsWith("http://") && !src.startsWith("https://")) {
      return false;
    }
    return !isGitSource(src);
  }

  static boolean isGitSource(String src) {
    if (src.startsWith("./") || src.startsWith("../")) {
      return false;
    }
    if (src.startsWith("github.com/")) {
      return true;
    }
    if (SCP_LIKE.matcher(src).matches()) {
      return true;
    }
    if (!PROTO.matcher(src).find()) {
      return false;
    }
    String scheme = src.substring(0, src.indexOf("://")).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "ssh", "git":
        return true;
      case "http", "https":
        // An HTTP(S) URL is a git ref only when its path ends in .git (a #ref may follow).
        String rest = src.substring(src.indexOf("://") + 3);
        int hash = rest.indexOf('#');
        String noFragment = hash < 0 ? rest : rest.substring(0, hash);
        int query = noFragment.indexOf('?');
        String noQuery = query < 0 ? noFragment : noFragment.substring(0, query);
        int slash = noQuery.indexOf('/');
        return slash >= 0 && noQuery.substring(slash).endsWith(".git");
      default:
        return false;
    }
  }

  /** Why {@code name} is not a valid image reference, or null if it is one. */
  static String invalidImageReference(String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return "invalid repository name (" + name + "), cannot specify 64-byte hexadecimal strings";
    }
    int slash = name.indexOf('/');
    String remainder = name;
    boolean hasDomain = false;
    if (slash >= 0) {
      String first = name.substring(0, slash);
      boolean looksLikeDomain = first.contains(".") || first.contains(":")
          || first.equals("localhost") || !first.toLowerCase(Locale.ROOT).equals(first);
      if (looksLikeDomain) {
        remainder = name.substring(slash + 1);
        hasDomain = true;
      }
    }
    int tagSep = remainder.indexOf(':');
    String remote = tagSep < 0 ? remainder : remainder.substring(0, tagSep);
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      return "invalid reference format: repository name (" + remote + ") must be lowercase";
    }
    if (!REFERENCE.matcher(hasDomain ? name : "docker.io/" + name)
        .matches()) {
      return "invalid reference format";
    }
    return null;
  }
}
