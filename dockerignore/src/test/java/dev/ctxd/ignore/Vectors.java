package dev.ctxd.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Streams the JSON Lines reference vectors from {@code src/test/resources/vectors}. */
final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  static List<JsonNode> read(String file) {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read vectors " + file, e);
    }
    return out;
  }

  /** One argument per line, named by its {@code id} so each vector shows up on its own. */
  static Stream<Arguments> named(String file) {
    return read(file).stream().map(v -> Arguments.of(Named.of(v.get("id").asText(), v)));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
