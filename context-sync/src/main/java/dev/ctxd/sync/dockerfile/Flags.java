package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * BuildKit's {@code BFlags} (bflag.go): the declared flags of one instruction, parsed from the
 * flag words the line parser split off. Not thread-safe; one instance per instruction.
 */
final class Flags {
  private enum Type { BOOL, STRING, STRINGS }

  private final Map<String, Type> declared = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> multi = new HashMap<>();

  Flags bool(String name) {
    declared.put(name, Type.BOOL);
    return this;
  }

  Flags string(String name) {
    declared.put(name, Type.STRING);
    return this;
  }

  Flags strings(String name) {
    declared.put(name, Type.STRINGS);
    return this;
  }

  /** Parses {@code --name[=value]} words; {@code --} ends the flags. Message on error. */
  Optional<String> parse(List<String> args) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        return Optional.of("arg should start with -- : " + arg);
      }
      if (arg.equals("--")) {
        return Optional.empty();
      }
      String name = arg.substring(2);
      String value = "";
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Type type = declared.get(name);
      if (type == null) {
        return Optional.of("unknown flag: " + name);
      }
      if (type != Type.STRINGS && values.containsKey(name)) {
        return Optional.of("duplicate flag specified: " + name);
      }
      switch (type) {
        case BOOL -> {
          if (eq >= 0 && value.isEmpty()) {
            return Optional.of("missing a value on flag: " + name);
          }
          String lower = value.toLowerCase(Locale.ROOT);
          if (!lower.isEmpty() && !lower.equals("true") && !lower.equals("false")) {
            return Optional.of("expecting boolean value for flag " + name + ", not: " + value);
          }
          values.put(name, lower.isEmpty() ? "true" : lower);
        }
        case STRING -> {
          if (eq < 0) {
            return Optional.of("missing a value on flag: " + name);
          }
          values.put(name, value);
        }
        case STRINGS -> {
          if (eq < 0) {
            return Optional.of("missing a value on flag: " + name);
          }
          values.put(name, value);
          multi.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }
    return Optional.empty();
  }

  String string(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  boolean isTrue(String name) {
    return "true".equals(values.get(name));
  }

  /** The value of a boolean flag if it was given. */
  Optional<Boolean> optionalBool(String name) {
    return Optional.ofNullable(values.get(name)).map("true"::equals);
  }

  List<String> all(String name) {
    return multi.getOrDefault(name, List.of());
  }
}
