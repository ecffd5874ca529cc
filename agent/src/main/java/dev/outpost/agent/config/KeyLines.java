package dev.outpost.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item of a YAML text, by key path ({@code sync.repositories[1]}).
 * Binding errors cannot be trusted for this: a record is built only after its whole block has been
 * read, so Jackson's location for an unknown key or a refused value in block style is where the
 * block ended. Reading the tokens once more, only when there is an error to report, is cheap.
 */
final class KeyLines {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final Map<String, Integer> lines;

  private KeyLines(Map<String, Integer> lines) {
    this.lines = Map.copyOf(lines);
  }

  static KeyLines of(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        JsonStreamContext context = parser.getParsingContext();
        // A container's start token has already entered the new container: its slot is the parent's.
        JsonStreamContext slot = token.isStructStart() ? context.getParent() : context;
        if (token == JsonToken.FIELD_NAME || (slot.inArray() && !token.isStructEnd())) {
          lines.putIfAbsent(path(slot), parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // Not valid YAML past some point: the binding reports that itself; keep the lines read so far.
    }
    return new KeyLines(lines);
  }

  /** The line of {@code keyPath}, or of its nearest enclosing key that is present; 1 if none is. */
  int lineOf(String keyPath) {
    String path = keyPath;
    while (!path.isEmpty()) {
      Integer line = lines.get(path);
      if (line != null) {
        return line;
      }
      path = parentOf(path);
    }
    return 1;
  }

  static String parentOf(String path) {
    int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The key path of a parser context, as {@link #lineOf} takes it ({@code sync.repositories[1]}). */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
