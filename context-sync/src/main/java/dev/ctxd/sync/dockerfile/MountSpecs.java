package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code RUN --mount} values (commands_runmount.go ParseMount): CSV {@code key=value} fields.
 * BuildKit parses twice: at parse time without an expander (only {@code from} is checked, other
 * fields wait), and at dispatch with the stage env, when every value is expanded and validated.
 */
final class MountSpecs {
  /** Expands one word with the dispatching stage's env. */
  interface Expander {
    String expand(String word) throws ShellExpansionException;
  }

  static final class MountException extends Exception {
    private static final long serialVersionUID = 1L;

    MountException(String message) {
      super(message);
    }
  }

  private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");

  private MountSpecs() {}

  /** The parse-time view: raw values, synonyms folded; only CSV and {@code from=$X} fail. */
  static RunMount parseRaw(String spec) throws MountException {
    try {
      return parse(spec, null);
    } catch (ShellExpansionException e) {
      throw new IllegalStateException("no expander, no expansion", e);
    }
  }

  /** The dispatch-time view: every value expanded and validated. */
  static RunMount resolve(String spec, Expander expander) throws MountException,
      ShellExpansionException {
    return parse(spec, expander);
  }

  private static RunMount parse(String spec, Expander expander)
      throws MountException, ShellExpansionException {
    String type = "bind";
    String from = "";
    String source = "";
    String target = "";
    Map<String, String> options = new HashMap<>();
    for (String field : csvFields(spec)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : field.substring(eq + 1);
      if (eq < 0) {
        if (expander != null && !Set.of("readonly", "ro", "readwrite", "rw", "required")
            .contains(key)) {
          throw new MountException("invalid field '" + field + "' must be a key=value pair");
        }
        if (expander != null && key.equals("required") && !type.equals("secret")
            && !type.equals("ssh")) {
          throw new MountException("unexpected key '" + key + "' for mount type '" + type + "'");
        }
        options.put(key, "");
        continue;
      }
      if (expander != null) {
        value = expander.expand(value);
      } else if (key.equals("from")) {
        int dollar = value.indexOf('$');
        if (dollar != -1 && dollar != value.length() - 1) {
          throw new MountException(
              "'from' doesn't support variable expansion, define alias stage instead");
        }
      }
      switch (key) {
        case "type" -> {
          String t = value.toLowerCase(Locale.ROOT);
          if (expander != null && !TYPES.contains(t)) {
            throw new MountException("unsupported mount type " + GoQuote.quote(value));
          }
          type = t;
        }
        case "from" -> from = value;
        case "source", "src" -> source = value;
        case "target", "dst", "destination" -> target = value;
        default -> {
          if (expander != null) {
            validate(key, value, field, type);
          }
          options.put(key, value);
        }
      }
    }
    if (expander != null && type.equals("secret") && !from.isEmpty()) {
      throw new MountException("secret mount should not have a from");
    }
    return new RunMount(type, from, source, target, options, spec);
  }

  private static void validate(String key, String value, String field, String type)
      throws MountException {
    switch (key) {
      case "readonly", "ro", "readwrite", "rw" -> {
        if (!Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false",
            "False").contains(value)) {
          throw new MountException("invalid value for " + key + ": " + value);
        }
      }
      case "required" -> {
        if (!type.equals("secret") && !type.equals("ssh")) {
          throw new MountException("unexpected key '" + key + "' for mount type '" + type + "'");
        }
      }
      case "size" -> {
        if (!type.equals("tmpfs")) {
          throw new MountException("unexpected key '" + key + "' for mount type '" + type + "'");
        }
      }
      case "sharing" -> {
        if (!type.equals("cache")) {
          throw new MountException("invalid cache sharing set for " + type + " mount");
        }
      }
      case "mode", "uid", "gid" -> {
        if (!Set.of("secret", "ssh", "cache").contains(type)) {
          throw new MountException(key + " not allowed for " + GoQuote.quote(type)
              + " type mounts");
        }
      }
      case "id", "env" -> { }
      default -> throw new MountException("unexpected key '" + key + "' in '" + field + "'");
    }
  }

  /** One CSV record as Go's encoding/csv reads it (no lazy quotes, no space trimming). */
  static List<String> csvFields(String line) throws MountException {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      StringBuilder field = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new MountException("failed to parse csv mounts: extraneous or missing \" in"
                + " quoted-field");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < n && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (i >= n || line.charAt(i) == ',') {
            break;
          } else {
            throw new MountException("failed to parse csv mounts: extraneous or missing \" in"
                + " quoted-field");
          }
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw new MountException(
                "failed to parse csv mounts: bare \" in non-quoted-field");
          }
          field.append(c);
        }
      }
      out.add(field.toString());
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }
}
